//! Comparing two saved versions of an article: word by word for short fields (title, lead),
//! line by line with context for the body.

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

/// Long texts are compared for at most this long; past it the diff is coarser, never slower.
const TIMEOUT: Duration = Duration::from_millis(300);

/// Whether a piece of text is in both versions, only the new one or only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    Added,
    Removed,
}

impl Mark {
    fn of(tag: ChangeTag) -> Mark {
        match tag {
            ChangeTag::Equal => Mark::Same,
            ChangeTag::Insert => Mark::Added,
            ChangeTag::Delete => Mark::Removed,
        }
    }

    pub fn is_added(&self) -> bool {
        *self == Mark::Added
    }

    pub fn is_removed(&self) -> bool {
        *self == Mark::Removed
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// A run of changed lines with unchanged lines around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// 1-based line number in the new version where the hunk starts.
    pub new_line: usize,
    pub lines: Vec<Piece>,
}

/// Word-by-word comparison; neighbouring pieces with the same mark are joined.
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::configure().timeout(TIMEOUT).diff_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for c in diff.iter_all_changes() {
        let mark = Mark::of(c.tag());
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(c.value()),
            _ => out.push(Piece { mark, text: c.value().to_owned() }),
        }
    }
    out
}

/// Line-by-line comparison: only the changed parts, each with `context` lines around it.
/// Empty when the texts are the same.
pub fn lines(old: &str, new: &str, context: usize) -> Vec<Hunk> {
    let diff = TextDiff::configure().timeout(TIMEOUT).diff_lines(old, new);
    diff.grouped_ops(context)
        .iter()
        .map(|group| {
            let new_line = group.first().map_or(0, |op| op.new_range().start) + 1;
            let lines = group
                .iter()
                .flat_map(|op| diff.iter_changes(op))
                .map(|c| Piece { mark: Mark::of(c.tag()), text: c.value().trim_end_matches(['\r', '\n']).to_owned() })
                .collect();
            Hunk { new_line, lines }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_mark_what_changed() {
        let p = words("Jalan rusak di Citangkil", "Jalan berlubang di Citangkil");
        let removed: String = p.iter().filter(|x| x.mark == Mark::Removed).map(|x| x.text.as_str()).collect();
        let added: String = p.iter().filter(|x| x.mark == Mark::Added).map(|x| x.text.as_str()).collect();
        assert_eq!(removed.trim(), "rusak");
        assert_eq!(added.trim(), "berlubang");
        let same: String = p.iter().filter(|x| x.mark != Mark::Added).map(|x| x.text.as_str()).collect();
        assert_eq!(same, "Jalan rusak di Citangkil");
    }

    #[test]
    fn lines_show_only_changed_parts_with_context() {
        let old = (1..=20).map(|i| format!("baris {i}\n")).collect::<String>();
        let new = old.replace("baris 10\n", "baris sepuluh\n");
        let hunks = lines(&old, &new, 2);
        assert_eq!(hunks.len(), 1);
        let h = &hunks[0];
        assert_eq!(h.new_line, 8);
        let marks: Vec<Mark> = h.lines.iter().map(|l| l.mark).collect();
        assert_eq!(
            marks,
            [Mark::Same, Mark::Same, Mark::Removed, Mark::Added, Mark::Same, Mark::Same],
            "{:?}",
            h.lines
        );
        assert_eq!(h.lines[2].text, "baris 10");
        assert!(lines(&old, &old, 3).is_empty());
    }
}
