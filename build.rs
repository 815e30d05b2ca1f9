//! Links the `kaitei` executable as a fixed-address (non-PIE) program on Linux.
//!
//! Why: a position-independent executable is relocated by the dynamic loader at every start,
//! which writes (and so copies) every page of `.data.rel.ro` — about 200 page faults, 0.6 ms of
//! the 1.4 ms a bare `kaitei --version` took on the benchmark machine, where a page fault costs
//! microseconds. `kaitei text` reads a typical one-page PDF in 2–4 ms, so that start-up was a
//! sixth of it. Only the binaries are affected; the library, the tests and the Python module
//! (a shared object, which must stay position-independent) are linked as before.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
