//! Regions: kota/kabupaten → kecamatan → kelurahan/desa, and the CSV form they are loaded from.

use serde::Serialize;

/// The administrative level of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Kota,
    Kecamatan,
    Kelurahan,
}

impl RegionLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Kota => "kota",
            RegionLevel::Kecamatan => "kecamatan",
            RegionLevel::Kelurahan => "kelurahan",
        }
    }

    pub fn parse(s: &str) -> Option<RegionLevel> {
        match s {
            "kota" => Some(RegionLevel::Kota),
            "kecamatan" => Some(RegionLevel::Kecamatan),
            "kelurahan" => Some(RegionLevel::Kelurahan),
            _ => None,
        }
    }
}

/// Checks a Kemendagri region code for `level` (`36.72` kota, `36.72.01` kecamatan,
/// `36.72.01.1001` kelurahan) and that it continues the parent's code when the parent has one.
/// Returns an i18n error key.
pub fn check_code(level: RegionLevel, code: &str, parent_code: Option<&str>) -> Result<(), &'static str> {
    let parts: Vec<&str> = code.split('.').collect();
    let widths: &[usize] = match level {
        RegionLevel::Kota => &[2, 2],
        RegionLevel::Kecamatan => &[2, 2, 2],
        RegionLevel::Kelurahan => &[2, 2, 2, 4],
    };
    let shape_ok = parts.len() == widths.len()
        && parts.iter().zip(widths).all(|(p, w)| p.len() == *w && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(match level {
            RegionLevel::Kota => "err-code-kota",
            RegionLevel::Kecamatan => "err-code-kecamatan",
            RegionLevel::Kelurahan => "err-code-kelurahan",
        });
    }
    match parent_code {
        Some(p) if !code.starts_with(&format!("{p}.")) => Err("err-code-parent"),
        _ => Ok(()),
    }
}

/// One valid row of a regions file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRow {
    pub kota: String,
    pub kecamatan: String,
    pub kelurahan: String,
}

/// A row that could not be used, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// The columns a regions file must have, in this order.
pub const REGION_COLUMNS: [&str; 3] = ["kota", "kecamatan", "kelurahan"];

/// Parses a regions CSV (`kota,kecamatan,kelurahan` header, one kelurahan a row). Either every
/// row is valid and all are returned, or the errors are, so nothing is ever half-imported.
pub fn parse_regions_csv(data: &[u8]) -> Result<Vec<RegionRow>, Vec<RowError>> {
    let text = match std::str::from_utf8(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + data[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
            return Err(vec![RowError { line, message: "not valid UTF-8".into() }]);
        }
    };
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let mut errors = Vec::new();
    match rdr.headers() {
        Ok(h) => {
            let cols: Vec<String> = h.iter().map(|c| c.trim().to_lowercase()).collect();
            if cols != REGION_COLUMNS {
                errors.push(RowError { line: 1, message: format!("header must be {}", REGION_COLUMNS.join(",")) });
                return Err(errors);
            }
        }
        Err(e) => {
            return Err(vec![RowError { line: 1, message: e.to_string() }]);
        }
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError { line, message: e.to_string() });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != 3 {
            errors.push(RowError { line, message: format!("expected 3 columns, found {}", rec.len()) });
            continue;
        }
        let f: Vec<String> = rec.iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        if let Some(i) = f.iter().position(|s| s.is_empty()) {
            errors.push(RowError { line, message: format!("column {} is empty", REGION_COLUMNS[i]) });
            continue;
        }
        if let Some(i) = f.iter().position(|s| s.chars().count() > 100 || s.chars().any(char::is_control)) {
            errors.push(RowError {
                line,
                message: format!("column {} is too long or has control characters", REGION_COLUMNS[i]),
            });
            continue;
        }
        if simpul_text::slugify(&f[0], 80).is_empty()
            || simpul_text::slugify(&f[1], 80).is_empty()
            || simpul_text::slugify(&f[2], 80).is_empty()
        {
            errors.push(RowError { line, message: "names must contain letters or digits".into() });
            continue;
        }
        let row = RegionRow { kota: f[0].clone(), kecamatan: f[1].clone(), kelurahan: f[2].clone() };
        if seen.insert((row.kota.to_lowercase(), row.kecamatan.to_lowercase(), row.kelurahan.to_lowercase())) {
            rows.push(row);
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError { line: 2, message: "the file has no rows".into() });
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kemendagri_codes_follow_the_level_and_the_parent() {
        assert_eq!(check_code(RegionLevel::Kota, "36.72", None), Ok(()));
        assert_eq!(check_code(RegionLevel::Kecamatan, "36.72.01", Some("36.72")), Ok(()));
        assert_eq!(check_code(RegionLevel::Kelurahan, "36.72.01.1001", Some("36.72.01")), Ok(()));
        assert_eq!(check_code(RegionLevel::Kelurahan, "36.72.01.1001", None), Ok(()));
        assert_eq!(check_code(RegionLevel::Kecamatan, "36.73.01", Some("36.72")), Err("err-code-parent"));
        assert_eq!(check_code(RegionLevel::Kecamatan, "36.72.1", None), Err("err-code-kecamatan"));
        assert_eq!(check_code(RegionLevel::Kota, "3672", None), Err("err-code-kota"));
        assert_eq!(check_code(RegionLevel::Kelurahan, "36.72.01.100a", None), Err("err-code-kelurahan"));
    }

    #[test]
    fn valid_file_parses() {
        let rows = parse_regions_csv(
            b"kota,kecamatan,kelurahan\nKota Cilegon,Cibeber,Bulakan\nKota Cilegon, Cibeber ,Cikerai\n\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].kecamatan, "Cibeber");
    }

    #[test]
    fn bad_rows_are_reported_by_line() {
        let errs = parse_regions_csv(
            b"kota,kecamatan,kelurahan\nKota Cilegon,Cibeber,Bulakan\nKota Cilegon,,Cikerai\nKota Cilegon,Cibeber\n",
        )
        .unwrap_err();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn wrong_header_and_encoding() {
        assert_eq!(parse_regions_csv(b"a,b,c\nx,y,z\n").unwrap_err()[0].line, 1);
        assert_eq!(parse_regions_csv(b"kota,kecamatan,kelurahan\nx,y,z\n\xff,y,z\n").unwrap_err()[0].line, 3);
        assert!(parse_regions_csv(b"kota,kecamatan,kelurahan\n").is_err());
    }
}
