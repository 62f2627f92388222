//! ISO 4217 currencies and their minor units.
//!
//! The table is the active ISO 4217 list (SIX "list one", edition of
//! 2026-01-01) restricted to codes that have minor units: precious metals,
//! bond-market units, SDR, the testing code and `XXX` are left out because
//! nobody invoices in them and ISO gives them no minor unit. `BGN` (replaced
//! by the euro on 2026-01-01) is kept so documents issued before then stay
//! readable.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::error::DomainError;

/// One row of the ISO 4217 table.
struct Def {
    code: &'static str,
    numeric: u16,
    minor_units: u32,
    name: &'static str,
}

const fn def(code: &'static str, numeric: u16, minor_units: u32, name: &'static str) -> Def {
    Def {
        code,
        numeric,
        minor_units,
        name,
    }
}

/// Sorted by code (a unit test checks it), so lookups are a binary search and
/// `Currency`'s derived ordering is alphabetical. A `const` so the named
/// constants can be resolved at compile time; `TABLE` below is its single
/// runtime copy.
const DEFS: [Def; TABLE_LEN] = [
    def("AED", 784, 2, "UAE Dirham"),
    def("AFN", 971, 2, "Afghani"),
    def("ALL", 8, 2, "Lek"),
    def("AMD", 51, 2, "Armenian Dram"),
    def("AOA", 973, 2, "Kwanza"),
    def("ARS", 32, 2, "Argentine Peso"),
    def("AUD", 36, 2, "Australian Dollar"),
    def("AWG", 533, 2, "Aruban Florin"),
    def("AZN", 944, 2, "Azerbaijan Manat"),
    def("BAM", 977, 2, "Convertible Mark"),
    def("BBD", 52, 2, "Barbados Dollar"),
    def("BDT", 50, 2, "Taka"),
    def("BGN", 975, 2, "Bulgarian Lev"),
    def("BHD", 48, 3, "Bahraini Dinar"),
    def("BIF", 108, 0, "Burundi Franc"),
    def("BMD", 60, 2, "Bermudian Dollar"),
    def("BND", 96, 2, "Brunei Dollar"),
    def("BOB", 68, 2, "Boliviano"),
    def("BOV", 984, 2, "Mvdol"),
    def("BRL", 986, 2, "Brazilian Real"),
    def("BSD", 44, 2, "Bahamian Dollar"),
    def("BTN", 64, 2, "Ngultrum"),
    def("BWP", 72, 2, "Pula"),
    def("BYN", 933, 2, "Belarusian Ruble"),
    def("BZD", 84, 2, "Belize Dollar"),
    def("CAD", 124, 2, "Canadian Dollar"),
    def("CDF", 976, 2, "Congolese Franc"),
    def("CHE", 947, 2, "WIR Euro"),
    def("CHF", 756, 2, "Swiss Franc"),
    def("CHW", 948, 2, "WIR Franc"),
    def("CLF", 990, 4, "Unidad de Fomento"),
    def("CLP", 152, 0, "Chilean Peso"),
    def("CNY", 156, 2, "Yuan Renminbi"),
    def("COP", 170, 2, "Colombian Peso"),
    def("COU", 970, 2, "Unidad de Valor Real"),
    def("CRC", 188, 2, "Costa Rican Colon"),
    def("CUP", 192, 2, "Cuban Peso"),
    def("CVE", 132, 2, "Cabo Verde Escudo"),
    def("CZK", 203, 2, "Czech Koruna"),
    def("DJF", 262, 0, "Djibouti Franc"),
    def("DKK", 208, 2, "Danish Krone"),
    def("DOP", 214, 2, "Dominican Peso"),
    def("DZD", 12, 2, "Algerian Dinar"),
    def("EGP", 818, 2, "Egyptian Pound"),
    def("ERN", 232, 2, "Nakfa"),
    def("ETB", 230, 2, "Ethiopian Birr"),
    def("EUR", 978, 2, "Euro"),
    def("FJD", 242, 2, "Fiji Dollar"),
    def("FKP", 238, 2, "Falkland Islands Pound"),
    def("GBP", 826, 2, "Pound Sterling"),
    def("GEL", 981, 2, "Lari"),
    def("GHS", 936, 2, "Ghana Cedi"),
    def("GIP", 292, 2, "Gibraltar Pound"),
    def("GMD", 270, 2, "Dalasi"),
    def("GNF", 324, 0, "Guinean Franc"),
    def("GTQ", 320, 2, "Quetzal"),
    def("GYD", 328, 2, "Guyana Dollar"),
    def("HKD", 344, 2, "Hong Kong Dollar"),
    def("HNL", 340, 2, "Lempira"),
    def("HTG", 332, 2, "Gourde"),
    def("HUF", 348, 2, "Forint"),
    def("IDR", 360, 2, "Rupiah"),
    def("ILS", 376, 2, "New Israeli Sheqel"),
    def("INR", 356, 2, "Indian Rupee"),
    def("IQD", 368, 3, "Iraqi Dinar"),
    def("IRR", 364, 2, "Iranian Rial"),
    def("ISK", 352, 0, "Iceland Krona"),
    def("JMD", 388, 2, "Jamaican Dollar"),
    def("JOD", 400, 3, "Jordanian Dinar"),
    def("JPY", 392, 0, "Yen"),
    def("KES", 404, 2, "Kenyan Shilling"),
    def("KGS", 417, 2, "Som"),
    def("KHR", 116, 2, "Riel"),
    def("KMF", 174, 0, "Comorian Franc"),
    def("KPW", 408, 2, "North Korean Won"),
    def("KRW", 410, 0, "Won"),
    def("KWD", 414, 3, "Kuwaiti Dinar"),
    def("KYD", 136, 2, "Cayman Islands Dollar"),
    def("KZT", 398, 2, "Tenge"),
    def("LAK", 418, 2, "Lao Kip"),
    def("LBP", 422, 2, "Lebanese Pound"),
    def("LKR", 144, 2, "Sri Lanka Rupee"),
    def("LRD", 430, 2, "Liberian Dollar"),
    def("LSL", 426, 2, "Loti"),
    def("LYD", 434, 3, "Libyan Dinar"),
    def("MAD", 504, 2, "Moroccan Dirham"),
    def("MDL", 498, 2, "Moldovan Leu"),
    def("MGA", 969, 2, "Malagasy Ariary"),
    def("MKD", 807, 2, "Denar"),
    def("MMK", 104, 2, "Kyat"),
    def("MNT", 496, 2, "Tugrik"),
    def("MOP", 446, 2, "Pataca"),
    def("MRU", 929, 2, "Ouguiya"),
    def("MUR", 480, 2, "Mauritius Rupee"),
    def("MVR", 462, 2, "Rufiyaa"),
    def("MWK", 454, 2, "Malawi Kwacha"),
    def("MXN", 484, 2, "Mexican Peso"),
    def("MXV", 979, 2, "Mexican Unidad de Inversion (UDI)"),
    def("MYR", 458, 2, "Malaysian Ringgit"),
    def("MZN", 943, 2, "Mozambique Metical"),
    def("NAD", 516, 2, "Namibia Dollar"),
    def("NGN", 566, 2, "Naira"),
    def("NIO", 558, 2, "Cordoba Oro"),
    def("NOK", 578, 2, "Norwegian Krone"),
    def("NPR", 524, 2, "Nepalese Rupee"),
    def("NZD", 554, 2, "New Zealand Dollar"),
    def("OMR", 512, 3, "Rial Omani"),
    def("PAB", 590, 2, "Balboa"),
    def("PEN", 604, 2, "Sol"),
    def("PGK", 598, 2, "Kina"),
    def("PHP", 608, 2, "Philippine Peso"),
    def("PKR", 586, 2, "Pakistan Rupee"),
    def("PLN", 985, 2, "Zloty"),
    def("PYG", 600, 0, "Guarani"),
    def("QAR", 634, 2, "Qatari Rial"),
    def("RON", 946, 2, "Romanian Leu"),
    def("RSD", 941, 2, "Serbian Dinar"),
    def("RUB", 643, 2, "Russian Ruble"),
    def("RWF", 646, 0, "Rwanda Franc"),
    def("SAR", 682, 2, "Saudi Riyal"),
    def("SBD", 90, 2, "Solomon Islands Dollar"),
    def("SCR", 690, 2, "Seychelles Rupee"),
    def("SDG", 938, 2, "Sudanese Pound"),
    def("SEK", 752, 2, "Swedish Krona"),
    def("SGD", 702, 2, "Singapore Dollar"),
    def("SHP", 654, 2, "Saint Helena Pound"),
    def("SLE", 925, 2, "Leone"),
    def("SOS", 706, 2, "Somali Shilling"),
    def("SRD", 968, 2, "Surinam Dollar"),
    def("SSP", 728, 2, "South Sudanese Pound"),
    def("STN", 930, 2, "Dobra"),
    def("SVC", 222, 2, "El Salvador Colon"),
    def("SYP", 760, 2, "Syrian Pound"),
    def("SZL", 748, 2, "Lilangeni"),
    def("THB", 764, 2, "Baht"),
    def("TJS", 972, 2, "Somoni"),
    def("TMT", 934, 2, "Turkmenistan New Manat"),
    def("TND", 788, 3, "Tunisian Dinar"),
    def("TOP", 776, 2, "Pa’anga"),
    def("TRY", 949, 2, "Turkish Lira"),
    def("TTD", 780, 2, "Trinidad and Tobago Dollar"),
    def("TWD", 901, 2, "New Taiwan Dollar"),
    def("TZS", 834, 2, "Tanzanian Shilling"),
    def("UAH", 980, 2, "Hryvnia"),
    def("UGX", 800, 0, "Uganda Shilling"),
    def("USD", 840, 2, "US Dollar"),
    def("USN", 997, 2, "US Dollar (Next day)"),
    def("UYI", 940, 0, "Uruguay Peso en Unidades Indexadas (UI)"),
    def("UYU", 858, 2, "Peso Uruguayo"),
    def("UYW", 927, 4, "Unidad Previsional"),
    def("UZS", 860, 2, "Uzbekistan Sum"),
    def("VED", 926, 2, "Bolívar Soberano"),
    def("VES", 928, 2, "Bolívar Soberano"),
    def("VND", 704, 0, "Dong"),
    def("VUV", 548, 0, "Vatu"),
    def("WST", 882, 2, "Tala"),
    def("XAF", 950, 0, "CFA Franc BEAC"),
    def("XCD", 951, 2, "East Caribbean Dollar"),
    def("XCG", 532, 2, "Caribbean Guilder"),
    def("XOF", 952, 0, "CFA Franc BCEAO"),
    def("XPF", 953, 0, "CFP Franc"),
    def("YER", 886, 2, "Yemeni Rial"),
    def("ZAR", 710, 2, "Rand"),
    def("ZMW", 967, 2, "Zambian Kwacha"),
    def("ZWG", 924, 2, "Zimbabwe Gold"),
];

const TABLE_LEN: usize = 165;

static TABLE: [Def; TABLE_LEN] = DEFS;

// `Currency` indexes the table with a u8.
const _: () = assert!(TABLE_LEN > 0 && TABLE_LEN <= 256);
const LAST_INDEX: u8 = (TABLE_LEN - 1) as u8;

/// An ISO 4217 currency of the table above. `Copy`, one `u8` wide; the only
/// ways in are [`Currency::parse`] and the constants, so a `Currency` is
/// always a known code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency(u8);

/// Compile-time lookup for the named constants; a typo fails the build.
const fn index_of(code: &str) -> u8 {
    let wanted = code.as_bytes();
    let mut i = 0;
    while i < TABLE_LEN {
        let have = DEFS[i].code.as_bytes();
        if have[0] == wanted[0] && have[1] == wanted[1] && have[2] == wanted[2] {
            return i as u8;
        }
        i += 1;
    }
    panic!("currency code missing from the ISO 4217 table")
}

impl Currency {
    pub const AUD: Currency = Currency(index_of("AUD"));
    pub const BHD: Currency = Currency(index_of("BHD"));
    pub const CAD: Currency = Currency(index_of("CAD"));
    pub const CHF: Currency = Currency(index_of("CHF"));
    pub const CLF: Currency = Currency(index_of("CLF"));
    pub const EUR: Currency = Currency(index_of("EUR"));
    pub const GBP: Currency = Currency(index_of("GBP"));
    pub const JOD: Currency = Currency(index_of("JOD"));
    pub const JPY: Currency = Currency(index_of("JPY"));
    pub const KRW: Currency = Currency(index_of("KRW"));
    pub const KWD: Currency = Currency(index_of("KWD"));
    pub const USD: Currency = Currency(index_of("USD"));

    /// Parse a code: exactly three ASCII letters, any case (`"gbp"` is
    /// `GBP`); anything else, or a code not in the table, is
    /// [`DomainError::UnknownCurrency`].
    pub fn parse(code: &str) -> Result<Currency, DomainError> {
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(DomainError::UnknownCurrency(shorten(code)));
        }
        let upper = [
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ];
        TABLE
            .binary_search_by(|def| def.code.as_bytes().cmp(&upper[..]))
            .ok()
            .and_then(|i| u8::try_from(i).ok())
            .map(Currency)
            .ok_or_else(|| DomainError::UnknownCurrency(shorten(code)))
    }

    /// Every currency of the table, sorted by code (`GET /v1/currencies`).
    pub fn all() -> impl ExactSizeIterator<Item = Currency> + Clone {
        (0..=LAST_INDEX).map(Currency)
    }

    fn def(self) -> &'static Def {
        &TABLE[usize::from(self.0)]
    }

    /// The alphabetic code, e.g. `"GBP"`.
    pub fn code(self) -> &'static str {
        self.def().code
    }

    /// The ISO 4217 English name, e.g. `"Pound Sterling"`.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The numeric code, e.g. `826` for GBP.
    pub fn numeric_code(self) -> u16 {
        self.def().numeric
    }

    /// Digits after the decimal point: 0 (JPY), 2 (GBP), 3 (BHD), 4 (CLF).
    pub fn minor_units(self) -> u32 {
        self.def().minor_units
    }
}

/// Echo at most a few characters of a bad code back: the message goes into
/// an error answer and must not mirror an arbitrarily long input.
fn shorten(code: &str) -> String {
    code.chars().take(16).collect()
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::parse(code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl de::Visitor<'_> for CodeVisitor {
            type Value = Currency;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 4217 currency code")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<Currency, E> {
                Currency::parse(code).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} / {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut numerics: Vec<u16> = TABLE.iter().map(|d| d.numeric).collect();
        numerics.sort_unstable();
        numerics.dedup();
        assert_eq!(numerics.len(), TABLE.len());
        for d in &TABLE {
            assert!(d.code.bytes().all(|b| b.is_ascii_uppercase()), "{}", d.code);
            assert!(d.minor_units <= 4, "{}", d.code);
            assert!(!d.name.is_empty());
        }
    }

    #[test]
    fn zero_and_three_digit_currencies() {
        for code in [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
            "VND", "VUV", "XAF", "XOF", "XPF",
        ] {
            assert_eq!(Currency::parse(code).unwrap().minor_units(), 0, "{code}");
        }
        for code in ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"] {
            assert_eq!(Currency::parse(code).unwrap().minor_units(), 3, "{code}");
        }
        let zero = Currency::all().filter(|c| c.minor_units() == 0).count();
        let three = Currency::all().filter(|c| c.minor_units() == 3).count();
        assert_eq!((zero, three), (17, 7));
    }

    #[test]
    fn common_two_digit_currencies() {
        for code in [
            "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
            "HUF", "RON", "BGN", "TRY", "ZAR", "INR", "CNY", "HKD", "SGD", "MXN", "BRL", "AED",
            "SAR", "ILS", "THB", "MYR", "PHP", "IDR", "NGN", "KES", "EGP", "MAD",
        ] {
            assert_eq!(Currency::parse(code).unwrap().minor_units(), 2, "{code}");
        }
    }

    #[test]
    fn parse_is_case_insensitive_and_strict() {
        assert_eq!(Currency::parse("gbp").unwrap(), Currency::GBP);
        assert_eq!(Currency::parse("Gbp").unwrap(), Currency::GBP);
        assert_eq!(Currency::GBP.code(), "GBP");
        assert_eq!(Currency::GBP.name(), "Pound Sterling");
        assert_eq!(Currency::GBP.numeric_code(), 826);
        for bad in [
            "", "GB", "GBPX", " GBP", "G1P", "XAU", "XXX", "ZZZ", "ÄBC", "€",
        ] {
            let err = Currency::parse(bad).unwrap_err();
            assert_eq!(err.code(), "unknown_currency", "{bad:?}");
        }
    }

    #[test]
    fn constants_match_their_codes() {
        for (c, code) in [
            (Currency::AUD, "AUD"),
            (Currency::BHD, "BHD"),
            (Currency::CAD, "CAD"),
            (Currency::CHF, "CHF"),
            (Currency::CLF, "CLF"),
            (Currency::EUR, "EUR"),
            (Currency::GBP, "GBP"),
            (Currency::JOD, "JOD"),
            (Currency::JPY, "JPY"),
            (Currency::KRW, "KRW"),
            (Currency::KWD, "KWD"),
            (Currency::USD, "USD"),
        ] {
            assert_eq!(c.code(), code);
        }
    }

    #[test]
    fn serde_round_trip() {
        assert_eq!(serde_json::to_string(&Currency::JPY).unwrap(), "\"JPY\"");
        let c: Currency = serde_json::from_str("\"bhd\"").unwrap();
        assert_eq!(c, Currency::BHD);
        let err = serde_json::from_str::<Currency>("\"ABC\"").unwrap_err();
        assert!(
            err.to_string().contains("unknown currency code `ABC`"),
            "{err}"
        );
        assert!(serde_json::from_str::<Currency>("12").is_err());
        let all: Vec<Currency> = Currency::all().collect();
        assert_eq!(all.len(), 165);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }
}
