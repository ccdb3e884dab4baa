//! Aspirations (citizen reports): their kinds, the workflow every report follows, who may move
//! it, the working-day deadlines of each step, and the ticket code citizens quote.
//!
//! The workflow follows SP4N-LAPOR!: `baru → terverifikasi | ditolak → didisposisikan →
//! diproses → ditanggapi → selesai | dibuka_kembali`. [`transition`] is the one place that says
//! which party may take which action from which status; the service calls it and a test walks
//! every edge.

use std::fmt;

use serde::Serialize;

use super::ids::AspirationId;

/// Working days the coordinator has to verify (or reject) a new report.
pub const VERIFY_DAYS: u32 = 3;
/// Working days an OPD has to answer after a disposition (or after the citizen reopens).
pub const RESPOND_DAYS: u32 = 5;
/// Working days after an answer with no word from the citizen before the report closes by itself.
pub const AUTO_CLOSE_DAYS: u32 = 10;
/// Longest description.
pub const DESCRIPTION_MAX: usize = 4_000;
/// Most attachments on one report.
pub const ATTACHMENTS_MAX: usize = 5;

/// What a citizen sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pengaduan,
    Aspirasi,
    PermintaanInformasi,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Pengaduan, Kind::Aspirasi, Kind::PermintaanInformasi];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pengaduan => "pengaduan",
            Kind::Aspirasi => "aspirasi",
            Kind::PermintaanInformasi => "permintaan_informasi",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Baru,
    Terverifikasi,
    Ditolak,
    Didisposisikan,
    Diproses,
    Ditanggapi,
    Selesai,
    DibukaKembali,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Baru,
        Status::Terverifikasi,
        Status::Ditolak,
        Status::Didisposisikan,
        Status::Diproses,
        Status::Ditanggapi,
        Status::Selesai,
        Status::DibukaKembali,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Baru => "baru",
            Status::Terverifikasi => "terverifikasi",
            Status::Ditolak => "ditolak",
            Status::Didisposisikan => "didisposisikan",
            Status::Diproses => "diproses",
            Status::Ditanggapi => "ditanggapi",
            Status::Selesai => "selesai",
            Status::DibukaKembali => "dibuka_kembali",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Finished: nothing more is expected from anyone.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Ditolak | Status::Selesai)
    }

    /// Whether the report is waiting for the government (for "open" in Open311 and for deadlines).
    pub fn is_open(self) -> bool {
        !self.is_closed()
    }

    /// The deadline that runs in this status, in working days from when it started counting.
    pub fn deadline_days(self) -> Option<u32> {
        match self {
            // The coordinator's three days cover verifying and disposing.
            Status::Baru | Status::Terverifikasi => Some(VERIFY_DAYS),
            Status::Didisposisikan | Status::Diproses | Status::DibukaKembali => Some(RESPOND_DAYS),
            Status::Ditanggapi => Some(AUTO_CLOSE_DAYS),
            Status::Ditolak | Status::Selesai => None,
        }
    }

    /// Whether moving from `self` to `next` keeps the running deadline instead of starting a
    /// new one: verifying does not buy the coordinator time, acknowledging does not buy the
    /// OPD time (the answer is due five working days after disposition).
    pub fn keeps_deadline(self, next: Status) -> bool {
        matches!((self, next), (Status::Baru, Status::Terverifikasi) | (Status::Didisposisikan, Status::Diproses))
    }
}

/// Why the coordinator turns a report down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    Spam,
    OutOfScope,
    /// The same as another report (linked).
    Duplicate,
}

impl RejectReason {
    pub const ALL: [RejectReason; 3] = [RejectReason::Spam, RejectReason::OutOfScope, RejectReason::Duplicate];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Spam => "spam",
            RejectReason::OutOfScope => "out_of_scope",
            RejectReason::Duplicate => "duplicate",
        }
    }

    pub fn parse(s: &str) -> Option<RejectReason> {
        RejectReason::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Something someone does to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Verify,
    Reject,
    /// Send to an OPD (again, if it is already with one).
    Dispose,
    /// The OPD takes it up.
    Acknowledge,
    /// The OPD's official answer.
    Respond,
    /// The citizen accepts the answer.
    Accept,
    /// The citizen disputes the answer.
    Dispute,
    /// Nobody replied to the answer in time.
    AutoClose,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Verify,
        Action::Reject,
        Action::Dispose,
        Action::Acknowledge,
        Action::Respond,
        Action::Accept,
        Action::Dispute,
        Action::AutoClose,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Verify => "verify",
            Action::Reject => "reject",
            Action::Dispose => "dispose",
            Action::Acknowledge => "acknowledge",
            Action::Respond => "respond",
            Action::Accept => "accept",
            Action::Dispute => "dispute",
            Action::AutoClose => "auto_close",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// What a timeline entry records: a workflow action, or one of the steps around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// The report came in.
    Submitted,
    /// The reporter added information.
    Info,
    /// Staff wrote an internal note.
    Note,
    /// The reporter rated the answer.
    Rate,
    /// A deadline passed and the coordinators were told.
    Escalated,
    Workflow(Action),
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Submitted => "submitted",
            Step::Info => "info",
            Step::Note => "note",
            Step::Rate => "rate",
            Step::Escalated => "escalated",
            Step::Workflow(a) => a.as_str(),
        }
    }

    /// Whether the step leaves the report in a status worth showing beside it (workflow steps
    /// and the submission; notes, added information, ratings and escalations change nothing).
    pub fn shows_status(self) -> bool {
        matches!(self, Step::Submitted | Step::Workflow(_))
    }

    /// A disposition: the report went to an OPD (the timeline names which).
    pub fn is_disposition(self) -> bool {
        self == Step::Workflow(Action::Dispose)
    }

    pub fn parse(s: &str) -> Option<Step> {
        match s.trim() {
            "submitted" => Some(Step::Submitted),
            "info" => Some(Step::Info),
            "note" => Some(Step::Note),
            "rate" => Some(Step::Rate),
            "escalated" => Some(Step::Escalated),
            other => Action::parse(other).map(Step::Workflow),
        }
    }
}

/// Who took a step, as the timeline keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Participant {
    Reporter,
    /// A KIM member filing for a citizen.
    Assistant,
    Coordinator,
    Opd,
    System,
}

impl Participant {
    pub const ALL: [Participant; 5] = [
        Participant::Reporter,
        Participant::Assistant,
        Participant::Coordinator,
        Participant::Opd,
        Participant::System,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Participant::Reporter => "reporter",
            Participant::Assistant => "assistant",
            Participant::Coordinator => "coordinator",
            Participant::Opd => "opd",
            Participant::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Participant> {
        Participant::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// How a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Web,
    Api,
    Open311,
    /// Filed by a KIM member for a citizen.
    Assisted,
}

impl Source {
    pub const ALL: [Source; 4] = [Source::Web, Source::Api, Source::Open311, Source::Assisted];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Api => "api",
            Source::Open311 => "open311",
            Source::Assisted => "assisted",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// Who acts on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The admin coordinator (Diskominfo).
    Coordinator,
    /// An officer of the OPD the report is with (`true`) or of another OPD (`false`).
    Opd { assigned: bool },
    /// Whoever holds the report's private follow-up key.
    Reporter,
    /// The system (deadlines).
    System,
    /// Anyone else: a KIM member, a visitor.
    Other,
}

pub use super::workflow::Refusal;

/// The status `action` leads to from `from` when `who` takes it, or why not.
pub fn transition(from: Status, action: Action, who: Party) -> Result<Status, Refusal> {
    use Status::*;
    let may = match action {
        Action::Verify | Action::Reject | Action::Dispose => who == Party::Coordinator,
        Action::Acknowledge | Action::Respond => who == Party::Opd { assigned: true },
        Action::Accept | Action::Dispute => who == Party::Reporter,
        Action::AutoClose => who == Party::System,
    };
    if !may {
        return Err(Refusal::Forbidden);
    }
    match (action, from) {
        (Action::Verify, Baru) => Ok(Terverifikasi),
        (Action::Reject, Baru | Terverifikasi) => Ok(Ditolak),
        (Action::Dispose, Terverifikasi | Didisposisikan | Diproses | DibukaKembali) => Ok(Didisposisikan),
        (Action::Acknowledge, Didisposisikan) => Ok(Diproses),
        (Action::Respond, Didisposisikan | Diproses | DibukaKembali) => Ok(Ditanggapi),
        (Action::Accept | Action::AutoClose, Ditanggapi) => Ok(Selesai),
        (Action::Dispute, Ditanggapi) => Ok(DibukaKembali),
        _ => Err(Refusal::WrongState),
    }
}

/// The code citizens quote: `ASP-2026-000123` (year of filing, then the report's number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TicketCode {
    pub year: i32,
    pub number: i64,
}

impl TicketCode {
    /// The report's code: its year of filing and its id.
    pub fn of(year: i64, id: AspirationId) -> TicketCode {
        TicketCode { year: year as i32, number: id.0 }
    }

    /// The report the code names (its year still to be checked against the report's).
    pub fn id(self) -> AspirationId {
        AspirationId(self.number)
    }

    /// Accepts the code however a citizen might type it: any case, spaces around, no leading
    /// zeros (`asp-2026-123`).
    pub fn parse(s: &str) -> Option<TicketCode> {
        parse_code("ASP", s).map(|(year, number)| TicketCode { year, number })
    }
}

/// A `<PREFIX>-<year>-<number>` code as a citizen might type it: any case, spaces around, no
/// leading zeros. Returns (year, number).
pub fn parse_code(prefix: &str, s: &str) -> Option<(i32, i64)> {
    let mut parts = s.trim().split('-');
    let (p, y, n) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !p.eq_ignore_ascii_case(prefix) {
        return None;
    }
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) || n.is_empty() || n.len() > 12 {
        return None;
    }
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: i64 = n.parse().ok()?;
    (number > 0).then_some((y.parse().ok()?, number))
}

impl fmt::Display for TicketCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ASP-{:04}-{:06}", self.year, self.number)
    }
}

/// A rating of the answer: 1 to 5 stars.
pub fn parse_rating(s: &str) -> Option<u8> {
    s.trim().parse::<u8>().ok().filter(|r| (1..=5).contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: [Party; 6] = [
        Party::Coordinator,
        Party::Opd { assigned: true },
        Party::Opd { assigned: false },
        Party::Reporter,
        Party::System,
        Party::Other,
    ];

    /// Every (status, action, party): exactly the listed edges succeed.
    #[test]
    fn every_edge() {
        use Status::*;
        let coord = Party::Coordinator;
        let opd = Party::Opd { assigned: true };
        let rep = Party::Reporter;
        let allowed: Vec<(Status, Action, Party, Status)> = vec![
            (Baru, Action::Verify, coord, Terverifikasi),
            (Baru, Action::Reject, coord, Ditolak),
            (Terverifikasi, Action::Reject, coord, Ditolak),
            (Terverifikasi, Action::Dispose, coord, Didisposisikan),
            (Didisposisikan, Action::Dispose, coord, Didisposisikan),
            (Diproses, Action::Dispose, coord, Didisposisikan),
            (DibukaKembali, Action::Dispose, coord, Didisposisikan),
            (Didisposisikan, Action::Acknowledge, opd, Diproses),
            (Didisposisikan, Action::Respond, opd, Ditanggapi),
            (Diproses, Action::Respond, opd, Ditanggapi),
            (DibukaKembali, Action::Respond, opd, Ditanggapi),
            (Ditanggapi, Action::Accept, rep, Selesai),
            (Ditanggapi, Action::Dispute, rep, DibukaKembali),
            (Ditanggapi, Action::AutoClose, Party::System, Selesai),
        ];
        let mut ok = 0;
        for from in Status::ALL {
            for action in Action::ALL {
                for who in PARTIES {
                    let got = transition(from, action, who);
                    match allowed.iter().find(|e| e.0 == from && e.1 == action && e.2 == who) {
                        Some(e) => {
                            assert_eq!(got, Ok(e.3), "{from:?} {action:?} {who:?}");
                            ok += 1;
                        }
                        None => assert!(got.is_err(), "{from:?} {action:?} {who:?} should be refused"),
                    }
                }
            }
        }
        assert_eq!(ok, allowed.len());
    }

    #[test]
    fn wrong_party_is_forbidden_before_status_is_checked() {
        assert_eq!(transition(Status::Selesai, Action::Verify, Party::Reporter), Err(Refusal::Forbidden));
        assert_eq!(transition(Status::Selesai, Action::Verify, Party::Coordinator), Err(Refusal::WrongState));
        assert_eq!(
            transition(Status::Didisposisikan, Action::Respond, Party::Opd { assigned: false }),
            Err(Refusal::Forbidden)
        );
    }

    #[test]
    fn ticket_codes() {
        let t = TicketCode { year: 2026, number: 123 };
        assert_eq!(t.to_string(), "ASP-2026-000123");
        assert_eq!(TicketCode::parse("ASP-2026-000123"), Some(t));
        assert_eq!(TicketCode::parse(" asp-2026-123 "), Some(t));
        assert_eq!(TicketCode::parse("ASP-2026-1234567"), Some(TicketCode { year: 2026, number: 1_234_567 }));
        for bad in
            ["", "ASP-2026", "ASP-26-1", "LAP-2026-1", "ASP-2026-0", "ASP-2026-12a", "ASP-2026-1-2", "ASP-2026--1"]
        {
            assert_eq!(TicketCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(r));
        }
        for p in Participant::ALL {
            assert_eq!(Participant::parse(p.as_str()), Some(p));
        }
        for step in
            [Step::Submitted, Step::Info, Step::Note, Step::Rate, Step::Escalated, Step::Workflow(Action::Respond)]
        {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(parse_rating("5"), Some(5));
        assert_eq!(parse_rating("0"), None);
        assert_eq!(parse_rating("6"), None);
        assert_eq!(parse_rating("x"), None);
    }

    #[test]
    fn deadlines_per_status() {
        assert_eq!(Status::Baru.deadline_days(), Some(3));
        assert_eq!(Status::Didisposisikan.deadline_days(), Some(5));
        assert_eq!(Status::Ditanggapi.deadline_days(), Some(10));
        assert_eq!(Status::Selesai.deadline_days(), None);
        assert!(Status::Ditolak.is_closed() && !Status::DibukaKembali.is_closed());
        assert!(Status::Didisposisikan.keeps_deadline(Status::Diproses));
        assert!(Status::Baru.keeps_deadline(Status::Terverifikasi));
        assert!(!Status::Diproses.keeps_deadline(Status::Didisposisikan), "a new disposition restarts it");
    }
}
