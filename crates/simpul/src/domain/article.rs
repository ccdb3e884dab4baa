//! The news workflow: which state an article is in, and who may move it where.
//!
//! `draf → diajukan → (perlu_revisi ↔ diajukan) → terbit` or `terjadwal` (published by the
//! system at the set time) `→ diarsipkan`. Only a Redaksi of the author's KIM (or of the city
//! desk) requests changes, publishes, schedules and unpublishes; the author submits and edits
//! only their own draft or revision. [`transition`] is the one place that says so; services
//! call it before every change, and the tests below walk every edge for every relation.

use serde::{Deserialize, Serialize};

use super::{
    access::{Actor, Role, Scope},
    validation::FieldErrors,
};

/// Where an article is in the workflow. Stored, sent and shown by its Indonesian code (`draf`,
/// `diajukan`, `perlu_revisi`, `terjadwal`, `terbit`, `diarsipkan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleState {
    Draft,
    Submitted,
    ChangesRequested,
    Scheduled,
    Published,
    Archived,
}

impl ArticleState {
    pub const ALL: [ArticleState; 6] = [
        ArticleState::Draft,
        ArticleState::Submitted,
        ArticleState::ChangesRequested,
        ArticleState::Scheduled,
        ArticleState::Published,
        ArticleState::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleState::Draft => "draf",
            ArticleState::Submitted => "diajukan",
            ArticleState::ChangesRequested => "perlu_revisi",
            ArticleState::Scheduled => "terjadwal",
            ArticleState::Published => "terbit",
            ArticleState::Archived => "diarsipkan",
        }
    }

    pub fn parse(s: &str) -> Option<ArticleState> {
        ArticleState::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether readers can see the article.
    pub fn is_public(self) -> bool {
        self == ArticleState::Published
    }
}

/// A step someone asks for. Its code (`ajukan`, `terbitkan`, …) is the form and API value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleAction {
    /// The author sends a draft or a revision to the Redaksi.
    Submit,
    /// The Redaksi sends it back with a comment.
    RequestChanges,
    /// The Redaksi publishes now (also a scheduled or archived article).
    Publish,
    /// The Redaksi sets a publication time.
    Schedule,
    /// The Redaksi cancels a schedule; the article waits in review again.
    CancelSchedule,
    /// The clock reached the scheduled time (done by the job queue, not a person).
    PublishScheduled,
    /// The Redaksi takes a published article down.
    Archive,
}

impl ArticleAction {
    pub const ALL: [ArticleAction; 7] = [
        ArticleAction::Submit,
        ArticleAction::RequestChanges,
        ArticleAction::Publish,
        ArticleAction::Schedule,
        ArticleAction::CancelSchedule,
        ArticleAction::PublishScheduled,
        ArticleAction::Archive,
    ];
}

impl Serialize for ArticleState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for ArticleAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How the actor stands to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Relation {
    /// Wrote it.
    pub author: bool,
    /// Redaksi of the article's KIM, or of the city desk.
    pub editor: bool,
    /// The job queue acting on a schedule.
    pub system: bool,
}

pub use super::workflow::Refusal;

/// Who takes a step: the author, an editor, or the system.
#[derive(Clone, Copy, PartialEq, Eq)]
enum By {
    Author,
    Editor,
    System,
}

/// The workflow's edges: (from, action, to, who).
const EDGES: &[(ArticleState, ArticleAction, ArticleState, By)] = {
    use ArticleAction::*;
    use ArticleState::*;
    &[
        (Draft, Submit, Submitted, By::Author),
        (ChangesRequested, Submit, Submitted, By::Author),
        (Submitted, RequestChanges, ChangesRequested, By::Editor),
        (Submitted, Publish, Published, By::Editor),
        (Submitted, Schedule, Scheduled, By::Editor),
        (Scheduled, Publish, Published, By::Editor),
        (Scheduled, CancelSchedule, Submitted, By::Editor),
        (Scheduled, PublishScheduled, Published, By::System),
        (Published, Archive, Archived, By::Editor),
        (Archived, Publish, Published, By::Editor),
    ]
};

/// The state after `action`, if `rel` may take it from `from`.
pub fn transition(from: ArticleState, action: ArticleAction, rel: Relation) -> Result<ArticleState, Refusal> {
    let (_, _, to, by) = EDGES.iter().find(|(f, a, _, _)| *f == from && *a == action).ok_or(Refusal::WrongState)?;
    let allowed = match by {
        By::Author => rel.author,
        By::Editor => rel.editor,
        By::System => rel.system,
    };
    if allowed { Ok(*to) } else { Err(Refusal::Forbidden) }
}

/// Whether `rel` may change the text: the author while it is theirs to work on, an editor while
/// reviewing (a correction before publishing is part of editing) or after publication.
pub fn can_edit(state: ArticleState, rel: Relation) -> bool {
    match state {
        ArticleState::Draft | ArticleState::ChangesRequested => rel.author,
        ArticleState::Submitted | ArticleState::Scheduled | ArticleState::Published => rel.editor,
        ArticleState::Archived => false,
    }
}

impl ArticleAction {
    /// The form value for the action buttons (`ajukan`, `minta_revisi`, …).
    pub fn parse(s: &str) -> Option<ArticleAction> {
        use ArticleAction::*;
        Some(match s {
            "ajukan" => Submit,
            "minta_revisi" => RequestChanges,
            "terbitkan" => Publish,
            "jadwalkan" => Schedule,
            "batalkan_jadwal" => CancelSchedule,
            "arsipkan" => Archive,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        use ArticleAction::*;
        match self {
            Submit => "ajukan",
            RequestChanges => "minta_revisi",
            Publish => "terbitkan",
            Schedule => "jadwalkan",
            CancelSchedule => "batalkan_jadwal",
            PublishScheduled => "terbit_terjadwal",
            Archive => "arsipkan",
        }
    }
}

/// How `actor` stands to an article of `kim_id` (None: the city desk) written by `author_id`.
/// Editors are the Redaksi of that KIM and the Redaksi of the city desk.
pub fn relation(actor: &Actor, author_id: Option<i64>, kim_id: Option<i64>) -> Relation {
    let author = actor.user_id.is_some() && actor.user_id == author_id;
    let editor = actor.grants.iter().any(|g| {
        g.role == Role::Redaksi && (g.scope == Scope::City || kim_id.is_some_and(|k| g.scope == Scope::Kim(k)))
    });
    Relation { author, editor, system: false }
}

/// Where a writer may file an article: the KIM groups they write for, and the city desk.
pub fn writing_scopes(actor: &Actor) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = Vec::new();
    for g in actor.grants.iter().filter(|g| matches!(g.role, Role::Anggota | Role::Redaksi)) {
        if matches!(g.scope, Scope::Kim(_) | Scope::City) && !scopes.contains(&g.scope) {
            scopes.push(g.scope);
        }
    }
    scopes
}

/// The article form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ArticleForm {
    pub title: String,
    /// The summary (ringkasan) shown in lists and shares.
    pub lead: String,
    pub body: String,
    pub category_id: String,
    /// `kim:<id>` or `city`, for a new article.
    pub scope: String,
    /// An uploaded image's id, or empty for none.
    pub cover_media_id: String,
    pub cover_caption: String,
    pub cover_credit: String,
    /// A YouTube, Vimeo or Facebook video address, or empty.
    pub video_url: String,
    /// Comma-separated tags.
    pub tags: String,
    /// The kecamatan or kelurahan the article is about, or empty.
    pub region_id: String,
    /// A training session whose practice assignment this draft is, or empty.
    pub training_session_id: String,
}

/// A validated article text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleInput {
    pub title: String,
    pub lead: String,
    pub body: String,
    pub category_id: i64,
    pub cover_media_id: Option<i64>,
    pub cover_caption: Option<String>,
    pub cover_credit: Option<String>,
    /// The video's address as written, when it is one we recognise.
    pub video_url: Option<String>,
    /// Distinct tags (by slug), in the order written.
    pub tags: Vec<String>,
    pub region_id: Option<i64>,
}

/// Splits "a, b, a" into distinct tags; at most 10, each up to 40 characters with letters.
pub fn parse_tags(s: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for t in s.split(',').map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty()) {
        if t.chars().count() > 40 || simpul_text::slugify(&t, 40).is_empty() {
            return Err("err-tag");
        }
        if !out.iter().any(|o| simpul_text::slugify(o, 40) == simpul_text::slugify(&t, 40)) {
            out.push(t);
        }
    }
    if out.len() > 10 { Err("err-too-many") } else { Ok(out) }
}

/// Longest article body (characters).
pub const BODY_MAX: usize = 50_000;

impl ArticleForm {
    pub fn validate(&self) -> Result<ArticleInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.required("title", &self.title, 160);
        let lead = e.required("lead", &self.lead, 400);
        let body = e.required("body", &self.body, BODY_MAX);
        let cover_caption = e.optional("cover_caption", &self.cover_caption, 300);
        let cover_credit = e.optional("cover_credit", &self.cover_credit, 120);
        let video_url = e.optional("video_url", &self.video_url, 300);
        if video_url.as_deref().is_some_and(|v| super::video::Video::parse(v).is_none()) {
            e.add("video_url", "err-video");
        }
        let tags = parse_tags(&self.tags).unwrap_or_else(|code| {
            e.add("tags", code);
            Vec::new()
        });
        let cover_media_id = match self.cover_media_id.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    e.add("cover_media_id", "err-choose");
                    None
                }
            },
        };
        let region_id = match self.region_id.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    e.add("region_id", "err-choose");
                    None
                }
            },
        };
        let category_id = self.category_id.trim().parse::<i64>().ok().filter(|&i| i > 0);
        let Some(category_id) = category_id else {
            e.add("category_id", "err-choose");
            return Err(e);
        };
        e.into_result().map(|()| ArticleInput {
            title,
            lead,
            body,
            category_id,
            cover_media_id,
            cover_caption,
            cover_credit,
            video_url,
            tags,
            region_id,
        })
    }

    /// The scope chosen for a new article, if it is one of `allowed`.
    pub fn chosen_scope(&self, allowed: &[Scope]) -> Option<Scope> {
        let s = match self.scope.trim() {
            "city" => Scope::City,
            v => Scope::Kim(v.strip_prefix("kim:")?.parse().ok()?),
        };
        allowed.contains(&s).then_some(s)
    }
}

/// Orders "Baca juga" candidates: an article that shares more (tags, the category) comes
/// first; among equals, the newer (higher id). `candidates` holds one id per shared trait.
pub fn rank_related(candidates: &[i64]) -> Vec<i64> {
    let mut votes: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for id in candidates {
        *votes.entry(*id).or_default() += 1;
    }
    let mut ranked: Vec<(i64, usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    ranked.into_iter().map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::{ArticleAction::*, ArticleState::*, *};

    #[test]
    fn related_articles_sharing_more_come_first_then_newer() {
        assert_eq!(rank_related(&[5, 9, 7, 5, 9, 5, 2]), vec![5, 9, 7, 2]);
        assert!(rank_related(&[]).is_empty());
    }

    const AUTHOR: Relation = Relation { author: true, editor: false, system: false };
    const EDITOR: Relation = Relation { author: false, editor: true, system: false };
    const AUTHOR_EDITOR: Relation = Relation { author: true, editor: true, system: false };
    const SYSTEM: Relation = Relation { author: false, editor: false, system: true };
    const STRANGER: Relation = Relation { author: false, editor: false, system: false };

    /// The workflow as the issue states it, written out independently of `EDGES`.
    fn expected(from: ArticleState, action: ArticleAction, rel: Relation) -> Result<ArticleState, Refusal> {
        let (to, ok) = match (from, action) {
            (Draft | ChangesRequested, Submit) => (Submitted, rel.author),
            (Submitted, RequestChanges) => (ChangesRequested, rel.editor),
            (Submitted | Scheduled | Archived, Publish) => (Published, rel.editor),
            (Submitted, Schedule) => (Scheduled, rel.editor),
            (Scheduled, CancelSchedule) => (Submitted, rel.editor),
            (Scheduled, PublishScheduled) => (Published, rel.system),
            (Published, Archive) => (Archived, rel.editor),
            _ => return Err(Refusal::WrongState),
        };
        if ok { Ok(to) } else { Err(Refusal::Forbidden) }
    }

    #[test]
    fn every_edge_for_every_relation() {
        let mut allowed = 0;
        for from in ArticleState::ALL {
            for action in ArticleAction::ALL {
                for rel in [AUTHOR, EDITOR, AUTHOR_EDITOR, SYSTEM, STRANGER] {
                    let got = transition(from, action, rel);
                    assert_eq!(got, expected(from, action, rel), "{from:?} --{action:?}--> as {rel:?}");
                    allowed += usize::from(got.is_ok());
                }
            }
        }
        assert_eq!(allowed, 19, "2 author edges and 7 editor edges, each for two relations, and 1 for the system");
    }

    #[test]
    fn an_author_cannot_publish_their_own_article() {
        assert_eq!(transition(Submitted, Publish, AUTHOR), Err(Refusal::Forbidden));
        assert_eq!(transition(Draft, Publish, AUTHOR_EDITOR), Err(Refusal::WrongState), "drafts are submitted first");
    }

    #[test]
    fn who_edits_when() {
        assert!(can_edit(Draft, AUTHOR) && can_edit(ChangesRequested, AUTHOR));
        assert!(!can_edit(Submitted, AUTHOR) && !can_edit(Published, AUTHOR));
        assert!(can_edit(Submitted, EDITOR) && !can_edit(Draft, EDITOR));
        assert!(!can_edit(Archived, AUTHOR_EDITOR));
        assert!(ArticleState::ALL.iter().all(|s| !can_edit(*s, STRANGER)));
    }

    #[test]
    fn relation_follows_authorship_and_redaksi_scope() {
        use crate::domain::access::Grant;
        let redaksi_kim = Actor {
            user_id: Some(5),
            label: "r".into(),
            grants: vec![Grant { role: Role::Redaksi, scope: Scope::Kim(2) }],
            request_id: None,
            read_only: false,
        };
        assert_eq!(relation(&redaksi_kim, Some(9), Some(2)), EDITOR);
        assert_eq!(relation(&redaksi_kim, Some(9), Some(3)), STRANGER, "another KIM's editor");
        assert_eq!(relation(&redaksi_kim, Some(5), Some(2)), AUTHOR_EDITOR);
        let city = Actor { grants: vec![Grant { role: Role::Redaksi, scope: Scope::City }], ..redaksi_kim.clone() };
        assert_eq!(relation(&city, Some(9), Some(3)), EDITOR, "the city desk reviews every KIM");
        assert_eq!(relation(&city, Some(9), None), EDITOR);
        let member = Actor { grants: vec![Grant { role: Role::Anggota, scope: Scope::Kim(2) }], ..redaksi_kim };
        assert_eq!(relation(&member, Some(9), Some(2)), STRANGER);
        assert_eq!(writing_scopes(&member), vec![Scope::Kim(2)]);
    }

    #[test]
    fn the_form_is_checked() {
        let ok = ArticleForm {
            title: "Jalan baru".into(),
            lead: "Ringkas".into(),
            body: "Isi".into(),
            category_id: "3".into(),
            scope: "kim:2".into(),
            ..Default::default()
        };
        assert_eq!(ok.validate().unwrap().category_id, 3);
        assert_eq!(parse_tags("Posyandu, jalan  rusak, posyandu,").unwrap(), vec!["Posyandu", "jalan rusak"]);
        assert_eq!(parse_tags("!!!"), Err("err-tag"));
        assert_eq!(
            parse_tags(
                &"a,"
                    .repeat(11)
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if c == 'a' { char::from(b'a' + (i % 26) as u8) } else { c })
                    .collect::<String>()
            ),
            Err("err-too-many")
        );
        let bad_video = ArticleForm { video_url: "https://evil.example/video".into(), ..ok.clone() };
        assert_eq!(bad_video.validate().unwrap_err().get("video_url"), Some("err-video"));
        let bad_cover = ArticleForm { cover_media_id: "foto".into(), ..ok.clone() };
        assert_eq!(bad_cover.validate().unwrap_err().get("cover_media_id"), Some("err-choose"));
        assert_eq!(ok.chosen_scope(&[Scope::Kim(2)]), Some(Scope::Kim(2)));
        assert_eq!(ok.chosen_scope(&[Scope::Kim(4)]), None, "only scopes the writer holds");
        let e = ArticleForm::default().validate().unwrap_err();
        for f in ["title", "lead", "body", "category_id"] {
            assert!(e.get(f).is_some(), "{f}");
        }
        for a in ["ajukan", "minta_revisi", "terbitkan", "jadwalkan", "batalkan_jadwal", "arsipkan"] {
            assert_eq!(ArticleAction::parse(a).unwrap().as_str(), a);
        }
        assert_eq!(ArticleAction::parse("terbit_terjadwal"), None, "the system's step is not a button");
    }

    #[test]
    fn states_round_trip() {
        for s in ArticleState::ALL {
            assert_eq!(ArticleState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ArticleState::parse("published"), None);
        assert!(Published.is_public() && !Scheduled.is_public());
    }
}
