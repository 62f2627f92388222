//! ISO 639-1 language codes: what a contact's `language` may be.

/// Every ISO 639-1 two-letter code, sorted (binary-searched).
pub const LANGUAGE_CODES: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// The canonical (lower-case) code when `code` is an ISO 639-1 code in
/// either case; region subtags (`en-GB`) are not codes of this table.
pub fn parse_language(code: &str) -> Option<&'static str> {
    if code.len() != 2 || !code.is_ascii() {
        return None;
    }
    let lower = code.to_ascii_lowercase();
    LANGUAGE_CODES
        .binary_search(&lower.as_str())
        .ok()
        .map(|i| LANGUAGE_CODES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(LANGUAGE_CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn parses_in_either_case() {
        assert_eq!(parse_language("DE"), Some("de"));
        assert_eq!(parse_language("en"), Some("en"));
        assert_eq!(parse_language("xx"), None);
        assert_eq!(parse_language("eng"), None);
        assert_eq!(parse_language("é"), None);
    }
}
