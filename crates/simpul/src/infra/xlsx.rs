//! Spreadsheets (XLSX) for exports and reports, through `rust_xlsxwriter`: one sheet per
//! table, a bold header row that stays in view (frozen pane), real number and date cells.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::domain::time::Date;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with this many decimals.
    Num(f64, u8),
    Date(Date),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

/// A table for one sheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// At most 31 characters, no `[]:*?/\` (Excel's rules).
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet { name: name.to_owned(), header: header.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<Cell>) -> &mut Self {
        self.rows.push(cells);
        self
    }
}

/// The `.xlsx` file's MIME type.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes the sheets into one workbook.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let decimals: Vec<Format> = (0..=4u8)
        .map(|d| {
            Format::new().set_num_format(if d == 0 {
                "0".to_owned()
            } else {
                format!("0.{}", "0".repeat(usize::from(d)))
            })
        })
        .collect();
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(s.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect::<String>())?;
        let mut widths: Vec<usize> = s.header.iter().map(|h| h.chars().count()).collect();
        for (c, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), h, &bold)?;
        }
        for (r, cells) in s.rows.iter().enumerate() {
            let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in cells.iter().enumerate() {
                let width = match cell {
                    Cell::Text(t) => {
                        ws.write_string(row, col(c), t)?;
                        t.chars().count()
                    }
                    Cell::Int(n) => {
                        // Excel's numbers are doubles: exact up to 2^53, far beyond any count here.
                        ws.write_number(row, col(c), *n as f64)?;
                        n.to_string().len()
                    }
                    Cell::Num(v, d) => {
                        ws.write_number_with_format(row, col(c), *v, &decimals[usize::from((*d).min(4))])?;
                        8
                    }
                    Cell::Date(d) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).unwrap_or(1900),
                            u8::try_from(d.month()).unwrap_or(1),
                            u8::try_from(d.day()).unwrap_or(1),
                        )?;
                        ws.write_datetime_with_format(row, col(c), &when, &date)?;
                        10
                    }
                    Cell::Empty => 0,
                };
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(width);
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), (*w as f64 + 2.0).min(80.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
