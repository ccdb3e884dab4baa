//! Charts drawn on the server as SVG: no script, readable on a 360 px phone (the drawing
//! scales to the width), named for screen readers; every chart sits beside a table with the
//! same numbers.

/// One series of bars.
pub struct Series<'a> {
    pub name: &'a str,
    /// A fill colour (`#rrggbb`).
    pub colour: &'static str,
    pub values: &'a [i64],
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Grouped bars: one group per label, one bar per series. `id` must be unique on the page.
pub fn bars(id: &str, title: &str, labels: &[String], series: &[Series<'_>]) -> String {
    const W: f64 = 340.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 30.0;
    const TOP: f64 = 28.0;
    const BOTTOM: f64 = 20.0;
    let max = series.iter().flat_map(|s| s.values.iter()).copied().max().unwrap_or(0).max(1);
    // A round top for the scale: 1, 2 or 5 × a power of ten.
    let mut step = 1i64;
    while max > step * 4 {
        step = match step.to_string().as_bytes()[0] {
            b'1' => step * 2,
            b'2' => step / 2 * 5,
            _ => step * 2,
        };
    }
    let top = step * 4;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: i64| TOP + plot_h - plot_h * v as f64 / top as f64;
    let groups = labels.len().max(1) as f64;
    let gw = (W - LEFT - 4.0) / groups;
    let bw = gw * 0.8 / series.len().max(1) as f64;
    let mut s = format!(
        r##"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-t"><title id="{id}-t">{}</title>"##,
        escape(title)
    );
    for i in 0..=4 {
        let v = step * i;
        let yy = y(v);
        s.push_str(&format!(
            r##"<line x1="{LEFT}" x2="{W}" y1="{yy:.1}" y2="{yy:.1}" stroke="#d0d7de" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" font-size="9" text-anchor="end" fill="#57606a">{v}</text>"##,
            LEFT - 3.0,
            yy + 3.0
        ));
    }
    for (g, label) in labels.iter().enumerate() {
        let gx = LEFT + 2.0 + gw * g as f64 + gw * 0.1;
        for (k, ser) in series.iter().enumerate() {
            let v = ser.values.get(g).copied().unwrap_or(0);
            let x = gx + bw * k as f64;
            let yy = y(v);
            s.push_str(&format!(
                r##"<rect x="{x:.1}" y="{yy:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"##,
                (bw - 0.5).max(0.5),
                (TOP + plot_h - yy).max(0.0),
                ser.colour
            ));
        }
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#1b1f24">{}</text>"##,
            gx + gw * 0.4,
            H - 6.0,
            escape(label)
        ));
    }
    let mut lx = LEFT;
    for ser in series {
        s.push_str(&format!(
            r##"<rect x="{lx:.1}" y="6" width="10" height="10" fill="{}"/><text x="{:.1}" y="15" font-size="10" fill="#1b1f24">{}</text>"##,
            ser.colour,
            lx + 14.0,
            escape(ser.name)
        ));
        lx += 14.0 + 6.0 * ser.name.chars().count() as f64 + 12.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_named_escaped_and_scaled() {
        let labels = vec!["Jan".to_owned(), "Feb <&>".to_owned()];
        let svg =
            bars("c1", "Laporan \"masuk\"", &labels, &[Series { name: "Masuk", colour: "#0b5cad", values: &[3, 17] }]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"aria-labelledby="c1-t""#) && svg.contains("Laporan &quot;masuk&quot;"));
        assert!(svg.contains("Feb &lt;&amp;&gt;"));
        // 17 needs a scale to 20 (step 5).
        assert!(svg.contains(">20</text>"));
        assert_eq!(svg.matches("<rect").count(), 3);
    }
}
