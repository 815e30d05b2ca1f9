//! libFuzzer target: arbitrary bytes through the whole pipeline (`kaitei_fuzz::run`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kaitei_fuzz::run(data);
});
