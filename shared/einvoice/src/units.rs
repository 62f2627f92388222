//! BT-130: a line's unit as a UN/ECE Recommendation 20 code. Lines carry
//! the unit as people write it (`h`, `hours`, `Stk.`); the common ones
//! map to their code, anything else (or none) is `C62`, "one".

/// The Recommendation 20 code of a free-text unit.
pub fn unit_code(unit: Option<&str>) -> &'static str {
    let unit = unit
        .unwrap_or_default()
        .trim()
        .trim_end_matches('.')
        .to_lowercase();
    match unit.as_str() {
        "h" | "hr" | "hrs" | "hour" | "hours" | "std" | "stunde" | "stunden" | "heure"
        | "heures" => "HUR",
        "min" | "mins" | "minute" | "minutes" => "MIN",
        "d" | "day" | "days" | "tag" | "tage" | "jour" | "jours" => "DAY",
        "wk" | "week" | "weeks" => "WEE",
        "mo" | "month" | "months" | "monat" | "monate" | "mois" => "MON",
        "yr" | "year" | "years" | "jahr" | "jahre" => "ANN",
        "kg" => "KGM",
        "g" => "GRM",
        "t" | "tonne" | "tonnes" => "TNE",
        "l" | "litre" | "litres" | "liter" => "LTR",
        "ml" => "MLT",
        "m" | "metre" | "metres" | "meter" => "MTR",
        "cm" => "CMT",
        "mm" => "MMT",
        "km" => "KMT",
        "m2" | "m²" | "sqm" => "MTK",
        "m3" | "m³" => "MTQ",
        "kwh" => "KWH",
        "set" | "sets" => "SET",
        "pair" | "pairs" => "PR",
        "box" | "boxes" => "XBX",
        "pack" | "packs" | "pkg" => "XPK",
        _ => "C62",
    }
}

#[cfg(test)]
mod tests {
    use super::unit_code;

    #[test]
    fn common_units_map_and_others_are_one() {
        assert_eq!(unit_code(Some("Hours")), "HUR");
        assert_eq!(unit_code(Some("Std.")), "HUR");
        assert_eq!(unit_code(Some("kg")), "KGM");
        assert_eq!(unit_code(Some("pcs")), "C62");
        assert_eq!(unit_code(None), "C62");
    }
}
