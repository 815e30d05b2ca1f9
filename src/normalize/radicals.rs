//! Radical repair: Kangxi Radicals (U+2F00–U+2FD5) and CJK Radicals Supplement (U+2E80–U+2EF3)
//! → the ordinary ideographs a Japanese font draws for them.
//!
//! Why: Chromium/Skia (and some other producers) write a PDF's ToUnicode map from the font's
//! cmap in reverse. A Japanese font maps a radical code point and the ordinary ideograph to the
//! same glyph, and the reverse lookup picks the radical: the text then says `⼾` for 戸, `⻑` for
//! 長, `⻄` for 西. NFKC repairs the Kangxi block only partly (it gives 戶 for `⼾`, not 戸) and
//! leaves the Supplement block alone, so the repair is a table.
//!
//! * Kangxi block: the NFKC decomposition (Unicode 14 data), except eight radicals whose
//!   decomposition is a traditional form that modern Japanese text writes in its 新字体:
//!   ⼾→戸 (not 戶), ⾭→青 (not 靑), ⿆→麦, ⿈→黄, ⿊→黒, ⿑→斉, ⿒→歯, ⿔→亀. 龍 (⿓) stays:
//!   it is in ordinary use (龍ケ崎市).
//! * Supplement block: `EquivalentUnifiedIdeograph.txt` where it has an entry (checked entry by
//!   entry when the table was written); the 26 radicals it does not list get the ordinary
//!   ideograph of the same radical (⺜→日, ⺩→王, ⺮→竹, ⻊→足, ⻗→雨, ⻡→首, ...).
//!   U+2E9A is unassigned.
//!
//! Only these two blocks are touched; everything else passes through unchanged.

use std::borrow::Cow;

const KANGXI_FIRST: u32 = 0x2F00;
const KANGXI_LAST: u32 = 0x2FD5;
const SUPPLEMENT_FIRST: u32 = 0x2E80;
const SUPPLEMENT_LAST: u32 = 0x2EF3;

/// The ordinary ideograph for a radical code point, or `None` if `c` is not an assigned code
/// point of the two radical blocks.
///
/// Used per glyph by the PDF layer, which keeps the raw text too.
pub fn radical_to_ideograph(c: char) -> Option<char> {
    let cp = c as u32;
    if (KANGXI_FIRST..=KANGXI_LAST).contains(&cp) {
        KANGXI.get((cp - KANGXI_FIRST) as usize).copied()
    } else if (SUPPLEMENT_FIRST..=SUPPLEMENT_LAST).contains(&cp) {
        SUPPLEMENT
            .get((cp - SUPPLEMENT_FIRST) as usize)
            .copied()
            .flatten()
    } else {
        None
    }
}

/// `s` with every radical code point replaced by its ordinary ideograph; borrowed when there is
/// nothing to replace.
pub fn repair_radicals(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| radical_to_ideograph(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| radical_to_ideograph(c).unwrap_or(c))
            .collect(),
    )
}

/// U+2F00..=U+2FD5, indexed by `cp - 0x2F00`.
#[rustfmt::skip]
const KANGXI: [char; 214] = [
    '一', // U+2F00 ⼀
    '丨', // U+2F01 ⼁
    '丶', // U+2F02 ⼂
    '丿', // U+2F03 ⼃
    '乙', // U+2F04 ⼄
    '亅', // U+2F05 ⼅
    '二', // U+2F06 ⼆
    '亠', // U+2F07 ⼇
    '人', // U+2F08 ⼈
    '儿', // U+2F09 ⼉
    '入', // U+2F0A ⼊
    '八', // U+2F0B ⼋
    '冂', // U+2F0C ⼌
    '冖', // U+2F0D ⼍
    '冫', // U+2F0E ⼎
    '几', // U+2F0F ⼏
    '凵', // U+2F10 ⼐
    '刀', // U+2F11 ⼑
    '力', // U+2F12 ⼒
    '勹', // U+2F13 ⼓
    '匕', // U+2F14 ⼔
    '匚', // U+2F15 ⼕
    '匸', // U+2F16 ⼖
    '十', // U+2F17 ⼗
    '卜', // U+2F18 ⼘
    '卩', // U+2F19 ⼙
    '厂', // U+2F1A ⼚
    '厶', // U+2F1B ⼛
    '又', // U+2F1C ⼜
    '口', // U+2F1D ⼝
    '囗', // U+2F1E ⼞
    '土', // U+2F1F ⼟
    '士', // U+2F20 ⼠
    '夂', // U+2F21 ⼡
    '夊', // U+2F22 ⼢
    '夕', // U+2F23 ⼣
    '大', // U+2F24 ⼤
    '女', // U+2F25 ⼥
    '子', // U+2F26 ⼦
    '宀', // U+2F27 ⼧
    '寸', // U+2F28 ⼨
    '小', // U+2F29 ⼩
    '尢', // U+2F2A ⼪
    '尸', // U+2F2B ⼫
    '屮', // U+2F2C ⼬
    '山', // U+2F2D ⼭
    '巛', // U+2F2E ⼮
    '工', // U+2F2F ⼯
    '己', // U+2F30 ⼰
    '巾', // U+2F31 ⼱
    '干', // U+2F32 ⼲
    '幺', // U+2F33 ⼳
    '广', // U+2F34 ⼴
    '廴', // U+2F35 ⼵
    '廾', // U+2F36 ⼶
    '弋', // U+2F37 ⼷
    '弓', // U+2F38 ⼸
    '彐', // U+2F39 ⼹
    '彡', // U+2F3A ⼺
    '彳', // U+2F3B ⼻
    '心', // U+2F3C ⼼
    '戈', // U+2F3D ⼽
    '戸', // U+2F3E ⼾ (NFKC gives 戶)
    '手', // U+2F3F ⼿
    '支', // U+2F40 ⽀
    '攴', // U+2F41 ⽁
    '文', // U+2F42 ⽂
    '斗', // U+2F43 ⽃
    '斤', // U+2F44 ⽄
    '方', // U+2F45 ⽅
    '无', // U+2F46 ⽆
    '日', // U+2F47 ⽇
    '曰', // U+2F48 ⽈
    '月', // U+2F49 ⽉
    '木', // U+2F4A ⽊
    '欠', // U+2F4B ⽋
    '止', // U+2F4C ⽌
    '歹', // U+2F4D ⽍
    '殳', // U+2F4E ⽎
    '毋', // U+2F4F ⽏
    '比', // U+2F50 ⽐
    '毛', // U+2F51 ⽑
    '氏', // U+2F52 ⽒
    '气', // U+2F53 ⽓
    '水', // U+2F54 ⽔
    '火', // U+2F55 ⽕
    '爪', // U+2F56 ⽖
    '父', // U+2F57 ⽗
    '爻', // U+2F58 ⽘
    '爿', // U+2F59 ⽙
    '片', // U+2F5A ⽚
    '牙', // U+2F5B ⽛
    '牛', // U+2F5C ⽜
    '犬', // U+2F5D ⽝
    '玄', // U+2F5E ⽞
    '玉', // U+2F5F ⽟
    '瓜', // U+2F60 ⽠
    '瓦', // U+2F61 ⽡
    '甘', // U+2F62 ⽢
    '生', // U+2F63 ⽣
    '用', // U+2F64 ⽤
    '田', // U+2F65 ⽥
    '疋', // U+2F66 ⽦
    '疒', // U+2F67 ⽧
    '癶', // U+2F68 ⽨
    '白', // U+2F69 ⽩
    '皮', // U+2F6A ⽪
    '皿', // U+2F6B ⽫
    '目', // U+2F6C ⽬
    '矛', // U+2F6D ⽭
    '矢', // U+2F6E ⽮
    '石', // U+2F6F ⽯
    '示', // U+2F70 ⽰
    '禸', // U+2F71 ⽱
    '禾', // U+2F72 ⽲
    '穴', // U+2F73 ⽳
    '立', // U+2F74 ⽴
    '竹', // U+2F75 ⽵
    '米', // U+2F76 ⽶
    '糸', // U+2F77 ⽷
    '缶', // U+2F78 ⽸
    '网', // U+2F79 ⽹
    '羊', // U+2F7A ⽺
    '羽', // U+2F7B ⽻
    '老', // U+2F7C ⽼
    '而', // U+2F7D ⽽
    '耒', // U+2F7E ⽾
    '耳', // U+2F7F ⽿
    '聿', // U+2F80 ⾀
    '肉', // U+2F81 ⾁
    '臣', // U+2F82 ⾂
    '自', // U+2F83 ⾃
    '至', // U+2F84 ⾄
    '臼', // U+2F85 ⾅
    '舌', // U+2F86 ⾆
    '舛', // U+2F87 ⾇
    '舟', // U+2F88 ⾈
    '艮', // U+2F89 ⾉
    '色', // U+2F8A ⾊
    '艸', // U+2F8B ⾋
    '虍', // U+2F8C ⾌
    '虫', // U+2F8D ⾍
    '血', // U+2F8E ⾎
    '行', // U+2F8F ⾏
    '衣', // U+2F90 ⾐
    '襾', // U+2F91 ⾑
    '見', // U+2F92 ⾒
    '角', // U+2F93 ⾓
    '言', // U+2F94 ⾔
    '谷', // U+2F95 ⾕
    '豆', // U+2F96 ⾖
    '豕', // U+2F97 ⾗
    '豸', // U+2F98 ⾘
    '貝', // U+2F99 ⾙
    '赤', // U+2F9A ⾚
    '走', // U+2F9B ⾛
    '足', // U+2F9C ⾜
    '身', // U+2F9D ⾝
    '車', // U+2F9E ⾞
    '辛', // U+2F9F ⾟
    '辰', // U+2FA0 ⾠
    '辵', // U+2FA1 ⾡
    '邑', // U+2FA2 ⾢
    '酉', // U+2FA3 ⾣
    '釆', // U+2FA4 ⾤
    '里', // U+2FA5 ⾥
    '金', // U+2FA6 ⾦
    '長', // U+2FA7 ⾧
    '門', // U+2FA8 ⾨
    '阜', // U+2FA9 ⾩
    '隶', // U+2FAA ⾪
    '隹', // U+2FAB ⾫
    '雨', // U+2FAC ⾬
    '青', // U+2FAD ⾭ (NFKC gives 靑)
    '非', // U+2FAE ⾮
    '面', // U+2FAF ⾯
    '革', // U+2FB0 ⾰
    '韋', // U+2FB1 ⾱
    '韭', // U+2FB2 ⾲
    '音', // U+2FB3 ⾳
    '頁', // U+2FB4 ⾴
    '風', // U+2FB5 ⾵
    '飛', // U+2FB6 ⾶
    '食', // U+2FB7 ⾷
    '首', // U+2FB8 ⾸
    '香', // U+2FB9 ⾹
    '馬', // U+2FBA ⾺
    '骨', // U+2FBB ⾻
    '高', // U+2FBC ⾼
    '髟', // U+2FBD ⾽
    '鬥', // U+2FBE ⾾
    '鬯', // U+2FBF ⾿
    '鬲', // U+2FC0 ⿀
    '鬼', // U+2FC1 ⿁
    '魚', // U+2FC2 ⿂
    '鳥', // U+2FC3 ⿃
    '鹵', // U+2FC4 ⿄
    '鹿', // U+2FC5 ⿅
    '麦', // U+2FC6 ⿆ (NFKC gives 麥)
    '麻', // U+2FC7 ⿇
    '黄', // U+2FC8 ⿈ (NFKC gives 黃)
    '黍', // U+2FC9 ⿉
    '黒', // U+2FCA ⿊ (NFKC gives 黑)
    '黹', // U+2FCB ⿋
    '黽', // U+2FCC ⿌
    '鼎', // U+2FCD ⿍
    '鼓', // U+2FCE ⿎
    '鼠', // U+2FCF ⿏
    '鼻', // U+2FD0 ⿐
    '斉', // U+2FD1 ⿑ (NFKC gives 齊)
    '歯', // U+2FD2 ⿒ (NFKC gives 齒)
    '龍', // U+2FD3 ⿓
    '亀', // U+2FD4 ⿔ (NFKC gives 龜)
    '龠', // U+2FD5 ⿕
];

/// U+2E80..=U+2EF3, indexed by `cp - 0x2E80`.
#[rustfmt::skip]
const SUPPLEMENT: [Option<char>; 116] = [
    Some('冫'), // U+2E80 ⺀ CJK RADICAL REPEAT
    Some('厂'), // U+2E81 ⺁ CJK RADICAL CLIFF
    Some('乛'), // U+2E82 ⺂ CJK RADICAL SECOND ONE
    Some('乚'), // U+2E83 ⺃ CJK RADICAL SECOND TWO
    Some('乙'), // U+2E84 ⺄ CJK RADICAL SECOND THREE
    Some('亻'), // U+2E85 ⺅ CJK RADICAL PERSON
    Some('冂'), // U+2E86 ⺆ CJK RADICAL BOX
    Some('几'), // U+2E87 ⺇ CJK RADICAL TABLE (no EUI entry)
    Some('刀'), // U+2E88 ⺈ CJK RADICAL KNIFE ONE (no EUI entry)
    Some('刂'), // U+2E89 ⺉ CJK RADICAL KNIFE TWO
    Some('卜'), // U+2E8A ⺊ CJK RADICAL DIVINATION
    Some('㔾'), // U+2E8B ⺋ CJK RADICAL SEAL
    Some('小'), // U+2E8C ⺌ CJK RADICAL SMALL ONE (no EUI entry)
    Some('小'), // U+2E8D ⺍ CJK RADICAL SMALL TWO (no EUI entry)
    Some('兀'), // U+2E8E ⺎ CJK RADICAL LAME ONE
    Some('尣'), // U+2E8F ⺏ CJK RADICAL LAME TWO
    Some('尢'), // U+2E90 ⺐ CJK RADICAL LAME THREE
    Some('尢'), // U+2E91 ⺑ CJK RADICAL LAME FOUR (no EUI entry)
    Some('巳'), // U+2E92 ⺒ CJK RADICAL SNAKE
    Some('幺'), // U+2E93 ⺓ CJK RADICAL THREAD
    Some('彑'), // U+2E94 ⺔ CJK RADICAL SNOUT ONE
    Some('彐'), // U+2E95 ⺕ CJK RADICAL SNOUT TWO
    Some('忄'), // U+2E96 ⺖ CJK RADICAL HEART ONE
    Some('㣺'), // U+2E97 ⺗ CJK RADICAL HEART TWO
    Some('扌'), // U+2E98 ⺘ CJK RADICAL HAND
    Some('攵'), // U+2E99 ⺙ CJK RADICAL RAP
    None, // U+2E9A unassigned
    Some('旡'), // U+2E9B ⺛ CJK RADICAL CHOKE
    Some('日'), // U+2E9C ⺜ CJK RADICAL SUN (no EUI entry)
    Some('月'), // U+2E9D ⺝ CJK RADICAL MOON
    Some('歺'), // U+2E9E ⺞ CJK RADICAL DEATH
    Some('母'), // U+2E9F ⺟ CJK RADICAL MOTHER
    Some('民'), // U+2EA0 ⺠ CJK RADICAL CIVILIAN
    Some('氵'), // U+2EA1 ⺡ CJK RADICAL WATER ONE
    Some('氺'), // U+2EA2 ⺢ CJK RADICAL WATER TWO
    Some('灬'), // U+2EA3 ⺣ CJK RADICAL FIRE
    Some('爪'), // U+2EA4 ⺤ CJK RADICAL PAW ONE (no EUI entry)
    Some('爫'), // U+2EA5 ⺥ CJK RADICAL PAW TWO
    Some('丬'), // U+2EA6 ⺦ CJK RADICAL SIMPLIFIED HALF TREE TRUNK
    Some('牛'), // U+2EA7 ⺧ CJK RADICAL COW (no EUI entry)
    Some('犭'), // U+2EA8 ⺨ CJK RADICAL DOG
    Some('王'), // U+2EA9 ⺩ CJK RADICAL JADE (no EUI entry)
    Some('疋'), // U+2EAA ⺪ CJK RADICAL BOLT OF CLOTH (no EUI entry)
    Some('罒'), // U+2EAB ⺫ CJK RADICAL EYE
    Some('示'), // U+2EAC ⺬ CJK RADICAL SPIRIT ONE
    Some('礻'), // U+2EAD ⺭ CJK RADICAL SPIRIT TWO
    Some('竹'), // U+2EAE ⺮ CJK RADICAL BAMBOO (no EUI entry)
    Some('糹'), // U+2EAF ⺯ CJK RADICAL SILK
    Some('纟'), // U+2EB0 ⺰ CJK RADICAL C-SIMPLIFIED SILK
    Some('罓'), // U+2EB1 ⺱ CJK RADICAL NET ONE
    Some('罒'), // U+2EB2 ⺲ CJK RADICAL NET TWO (no EUI entry)
    Some('㓁'), // U+2EB3 ⺳ CJK RADICAL NET THREE
    Some('㓁'), // U+2EB4 ⺴ CJK RADICAL NET FOUR
    Some('网'), // U+2EB5 ⺵ CJK RADICAL MESH (no EUI entry)
    Some('羊'), // U+2EB6 ⺶ CJK RADICAL SHEEP (no EUI entry)
    Some('羊'), // U+2EB7 ⺷ CJK RADICAL RAM (no EUI entry)
    Some('羊'), // U+2EB8 ⺸ CJK RADICAL EWE (no EUI entry)
    Some('耂'), // U+2EB9 ⺹ CJK RADICAL OLD
    Some('肀'), // U+2EBA ⺺ CJK RADICAL BRUSH ONE
    Some('聿'), // U+2EBB ⺻ CJK RADICAL BRUSH TWO (no EUI entry)
    Some('月'), // U+2EBC ⺼ CJK RADICAL MEAT
    Some('臼'), // U+2EBD ⺽ CJK RADICAL MORTAR
    Some('艹'), // U+2EBE ⺾ CJK RADICAL GRASS ONE
    Some('艹'), // U+2EBF ⺿ CJK RADICAL GRASS TWO
    Some('艹'), // U+2EC0 ⻀ CJK RADICAL GRASS THREE
    Some('虎'), // U+2EC1 ⻁ CJK RADICAL TIGER
    Some('衤'), // U+2EC2 ⻂ CJK RADICAL CLOTHES
    Some('覀'), // U+2EC3 ⻃ CJK RADICAL WEST ONE
    Some('西'), // U+2EC4 ⻄ CJK RADICAL WEST TWO
    Some('见'), // U+2EC5 ⻅ CJK RADICAL C-SIMPLIFIED SEE
    Some('角'), // U+2EC6 ⻆ CJK RADICAL SIMPLIFIED HORN (no EUI entry)
    Some('角'), // U+2EC7 ⻇ CJK RADICAL HORN (no EUI entry)
    Some('讠'), // U+2EC8 ⻈ CJK RADICAL C-SIMPLIFIED SPEECH
    Some('贝'), // U+2EC9 ⻉ CJK RADICAL C-SIMPLIFIED SHELL
    Some('足'), // U+2ECA ⻊ CJK RADICAL FOOT (no EUI entry)
    Some('车'), // U+2ECB ⻋ CJK RADICAL C-SIMPLIFIED CART
    Some('辶'), // U+2ECC ⻌ CJK RADICAL SIMPLIFIED WALK (no EUI entry)
    Some('辶'), // U+2ECD ⻍ CJK RADICAL WALK ONE
    Some('辶'), // U+2ECE ⻎ CJK RADICAL WALK TWO (no EUI entry)
    Some('阝'), // U+2ECF ⻏ CJK RADICAL CITY
    Some('钅'), // U+2ED0 ⻐ CJK RADICAL C-SIMPLIFIED GOLD
    Some('長'), // U+2ED1 ⻑ CJK RADICAL LONG ONE
    Some('镸'), // U+2ED2 ⻒ CJK RADICAL LONG TWO
    Some('长'), // U+2ED3 ⻓ CJK RADICAL C-SIMPLIFIED LONG
    Some('门'), // U+2ED4 ⻔ CJK RADICAL C-SIMPLIFIED GATE (no EUI entry)
    Some('阜'), // U+2ED5 ⻕ CJK RADICAL MOUND ONE (no EUI entry)
    Some('阝'), // U+2ED6 ⻖ CJK RADICAL MOUND TWO
    Some('雨'), // U+2ED7 ⻗ CJK RADICAL RAIN (no EUI entry)
    Some('青'), // U+2ED8 ⻘ CJK RADICAL BLUE
    Some('韦'), // U+2ED9 ⻙ CJK RADICAL C-SIMPLIFIED TANNED LEATHER
    Some('页'), // U+2EDA ⻚ CJK RADICAL C-SIMPLIFIED LEAF
    Some('风'), // U+2EDB ⻛ CJK RADICAL C-SIMPLIFIED WIND
    Some('飞'), // U+2EDC ⻜ CJK RADICAL C-SIMPLIFIED FLY
    Some('食'), // U+2EDD ⻝ CJK RADICAL EAT ONE
    Some('飠'), // U+2EDE ⻞ CJK RADICAL EAT TWO (no EUI entry)
    Some('飠'), // U+2EDF ⻟ CJK RADICAL EAT THREE
    Some('饣'), // U+2EE0 ⻠ CJK RADICAL C-SIMPLIFIED EAT
    Some('首'), // U+2EE1 ⻡ CJK RADICAL HEAD (no EUI entry)
    Some('马'), // U+2EE2 ⻢ CJK RADICAL C-SIMPLIFIED HORSE
    Some('骨'), // U+2EE3 ⻣ CJK RADICAL BONE
    Some('鬼'), // U+2EE4 ⻤ CJK RADICAL GHOST
    Some('鱼'), // U+2EE5 ⻥ CJK RADICAL C-SIMPLIFIED FISH
    Some('鸟'), // U+2EE6 ⻦ CJK RADICAL C-SIMPLIFIED BIRD
    Some('卤'), // U+2EE7 ⻧ CJK RADICAL C-SIMPLIFIED SALT
    Some('麦'), // U+2EE8 ⻨ CJK RADICAL SIMPLIFIED WHEAT
    Some('黄'), // U+2EE9 ⻩ CJK RADICAL SIMPLIFIED YELLOW
    Some('黾'), // U+2EEA ⻪ CJK RADICAL C-SIMPLIFIED FROG
    Some('斉'), // U+2EEB ⻫ CJK RADICAL J-SIMPLIFIED EVEN
    Some('齐'), // U+2EEC ⻬ CJK RADICAL C-SIMPLIFIED EVEN
    Some('歯'), // U+2EED ⻭ CJK RADICAL J-SIMPLIFIED TOOTH
    Some('齿'), // U+2EEE ⻮ CJK RADICAL C-SIMPLIFIED TOOTH
    Some('竜'), // U+2EEF ⻯ CJK RADICAL J-SIMPLIFIED DRAGON
    Some('龙'), // U+2EF0 ⻰ CJK RADICAL C-SIMPLIFIED DRAGON
    Some('龜'), // U+2EF1 ⻱ CJK RADICAL TURTLE
    Some('亀'), // U+2EF2 ⻲ CJK RADICAL J-SIMPLIFIED TURTLE
    Some('龟'), // U+2EF3 ⻳ CJK RADICAL C-SIMPLIFIED TURTLE
];

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn brief_examples() {
        let cases = [
            ('⼾', '戸'),
            ('⻑', '長'),
            ('⻄', '西'),
            ('⾒', '見'),
            ('⾼', '高'),
            ('⽤', '用'),
            ('⾏', '行'),
            ('⼭', '山'),
            ('⽥', '田'),
            ('⼤', '大'),
            ('⼯', '工'),
            ('⽉', '月'),
            ('⽇', '日'),
            ('⻩', '黄'),
            ('⻘', '青'),
            ('⻝', '食'),
            ('⻭', '歯'),
            ('⻯', '竜'),
            ('⻲', '亀'),
            ('⻤', '鬼'),
            ('⺠', '民'),
            ('⻖', '阝'),
            ('⺟', '母'),
        ];
        for (radical, want) in cases {
            assert_eq!(radical_to_ideograph(radical), Some(want), "{radical}");
        }
    }

    #[test]
    fn kangxi_agrees_with_nfkc_except_the_overrides() {
        let overrides = ['⼾', '⾭', '⿆', '⿈', '⿊', '⿑', '⿒', '⿔'];
        let mut differing = Vec::new();
        for cp in KANGXI_FIRST..=KANGXI_LAST {
            let c = char::from_u32(cp).expect("valid code point");
            let nfkc: String = c.to_string().nfkc().collect();
            let ours = radical_to_ideograph(c).expect("every Kangxi radical is mapped");
            if nfkc != ours.to_string() {
                differing.push(c);
            }
        }
        assert_eq!(differing, overrides);
    }

    #[test]
    fn supplement_is_complete_and_lands_on_ideographs() {
        let mut mapped = 0;
        for cp in SUPPLEMENT_FIRST..=SUPPLEMENT_LAST {
            let c = char::from_u32(cp).expect("valid code point");
            match radical_to_ideograph(c) {
                Some(i) => {
                    mapped += 1;
                    let u = i as u32;
                    // URO or Extension A: an ordinary ideograph, never a radical again.
                    assert!(
                        (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u),
                        "{c} -> {i}"
                    );
                }
                None => assert_eq!(cp, 0x2E9A),
            }
        }
        assert_eq!(mapped, 115);
    }

    #[test]
    fn outside_the_blocks_is_none() {
        for c in [
            '長', 'a', '〇', '\u{2E7F}', '\u{2EF4}', '\u{2FD6}', '\u{2FF0}',
        ] {
            assert_eq!(radical_to_ideograph(c), None, "{c}");
        }
    }

    #[test]
    fn repair_borrows_when_clean() {
        assert!(matches!(repair_radicals("瀬戸内市"), Cow::Borrowed(_)));
        assert_eq!(
            repair_radicals("瀬⼾内市の⻑期計画、⻄⽇本"),
            "瀬戸内市の長期計画、西日本"
        );
    }
}
