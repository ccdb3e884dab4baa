//! Small statistics for the dashboards.

/// The median of values given as `(value, how many)` pairs (any order); `None` when empty.
/// With an even count it is the mean of the two middle values.
pub fn median_of_counts(counts: &[(i64, i64)]) -> Option<f64> {
    let mut v: Vec<(i64, i64)> = counts.iter().copied().filter(|(_, n)| *n > 0).collect();
    v.sort_unstable();
    let total: i64 = v.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The k-th value (1-based) in sorted order.
    let nth = |k: i64| {
        let mut seen = 0;
        for (value, n) in &v {
            seen += n;
            if seen >= k {
                return *value;
            }
        }
        v.last().map_or(0, |(value, _)| *value)
    };
    Some(if total % 2 == 1 { nth(total / 2 + 1) as f64 } else { (nth(total / 2) + nth(total / 2 + 1)) as f64 / 2.0 })
}

/// `part` as a whole percentage of `whole`; `None` when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_from_counts() {
        assert_eq!(median_of_counts(&[]), None);
        assert_eq!(median_of_counts(&[(3, 1)]), Some(3.0));
        // 1, 2, 2, 9 → (2 + 2) / 2
        assert_eq!(median_of_counts(&[(9, 1), (1, 1), (2, 2)]), Some(2.0));
        // 1, 1, 4, 5 → 2.5
        assert_eq!(median_of_counts(&[(1, 2), (4, 1), (5, 1)]), Some(2.5));
        // 0 ×3, 7 ×2 → 0
        assert_eq!(median_of_counts(&[(7, 2), (0, 3)]), Some(0.0));
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
    }
}
