//! Fact checking: verdict labels, content types, the life of a rumour on the
//! editors' desk, and tip codes.

use super::workflow::Refusal;

use std::fmt;

/// A verdict label, after the Indonesian fact-check convention (Mafindo, cekfakta.com).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Hoaks,
    Salah,
    Disinformasi,
    Misinformasi,
    Menyesatkan,
    Satire,
    KonteksSalah,
    Dimanipulasi,
    Penipuan,
    Benar,
    Klarifikasi,
}

impl Verdict {
    pub const ALL: [Verdict; 11] = [
        Verdict::Hoaks,
        Verdict::Salah,
        Verdict::Disinformasi,
        Verdict::Misinformasi,
        Verdict::Menyesatkan,
        Verdict::Satire,
        Verdict::KonteksSalah,
        Verdict::Dimanipulasi,
        Verdict::Penipuan,
        Verdict::Benar,
        Verdict::Klarifikasi,
    ];

    /// The stored code, also the label in titles (`[HOAKS] …`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Hoaks => "HOAKS",
            Verdict::Salah => "SALAH",
            Verdict::Disinformasi => "DISINFORMASI",
            Verdict::Misinformasi => "MISINFORMASI",
            Verdict::Menyesatkan => "MENYESATKAN",
            Verdict::Satire => "SATIRE",
            Verdict::KonteksSalah => "KONTEKS_SALAH",
            Verdict::Dimanipulasi => "DIMANIPULASI",
            Verdict::Penipuan => "PENIPUAN",
            Verdict::Benar => "BENAR",
            Verdict::Klarifikasi => "KLARIFIKASI",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        let s = s.trim();
        Verdict::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s))
    }

    /// The label as readers see it: `KONTEKS SALAH`.
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }

    /// The `reviewRating.ratingValue` of ClaimReview on a 1 (false) to 5 (true) scale.
    pub fn rating(self) -> u8 {
        match self {
            Verdict::Hoaks | Verdict::Salah | Verdict::Disinformasi | Verdict::Penipuan | Verdict::Dimanipulasi => 1,
            Verdict::Misinformasi | Verdict::KonteksSalah => 2,
            Verdict::Menyesatkan | Verdict::Satire => 2,
            Verdict::Klarifikasi => 3,
            Verdict::Benar => 5,
        }
    }

    /// Whether the claim is false or misleading (a warning colour on pages).
    pub fn is_false(self) -> bool {
        !matches!(self, Verdict::Benar | Verdict::Klarifikasi)
    }
}

/// The seven types of mis- and disinformation of First Draft, as Mafindo uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentType {
    Satire,
    KoneksiSalah,
    KontenMenyesatkan,
    KonteksSalah,
    KontenTiruan,
    KontenManipulasi,
    KontenPalsu,
}

impl ContentType {
    pub const ALL: [ContentType; 7] = [
        ContentType::Satire,
        ContentType::KoneksiSalah,
        ContentType::KontenMenyesatkan,
        ContentType::KonteksSalah,
        ContentType::KontenTiruan,
        ContentType::KontenManipulasi,
        ContentType::KontenPalsu,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContentType::Satire => "satire",
            ContentType::KoneksiSalah => "koneksi_salah",
            ContentType::KontenMenyesatkan => "konten_menyesatkan",
            ContentType::KonteksSalah => "konteks_salah",
            ContentType::KontenTiruan => "konten_tiruan",
            ContentType::KontenManipulasi => "konten_manipulasi",
            ContentType::KontenPalsu => "konten_palsu",
        }
    }

    pub fn parse(s: &str) -> Option<ContentType> {
        ContentType::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

/// Where a rumour stands on the editors' desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterState {
    BelumDicek,
    SedangDicek,
    Terbit,
    BukanKlaim,
    Duplikat,
}

impl ClusterState {
    pub const ALL: [ClusterState; 5] = [
        ClusterState::BelumDicek,
        ClusterState::SedangDicek,
        ClusterState::Terbit,
        ClusterState::BukanKlaim,
        ClusterState::Duplikat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClusterState::BelumDicek => "belum_dicek",
            ClusterState::SedangDicek => "sedang_dicek",
            ClusterState::Terbit => "terbit",
            ClusterState::BukanKlaim => "bukan_klaim",
            ClusterState::Duplikat => "duplikat",
        }
    }

    pub fn parse(s: &str) -> Option<ClusterState> {
        ClusterState::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// Still waiting for an answer: new tips of the same rumour join it.
    pub fn is_open(self) -> bool {
        matches!(self, ClusterState::BelumDicek | ClusterState::SedangDicek)
    }
}

/// What an editor does to a rumour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Take it up (assigns it to oneself).
    Check,
    /// Publish a clarification for it.
    Publish,
    /// Not a checkable claim (a question, an opinion, spam).
    NotAClaim,
    /// The same rumour as another cluster.
    Duplicate,
    /// Back to the queue (a closed cluster that needs another look).
    Reopen,
}

/// Who works on a rumour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// An editor or admin of the fact-check desk.
    Checker,
    /// Anyone else (a KIM member, a citizen).
    Other,
}

/// The desk's state machine: the state a step leads to, or why not.
/// `belum_dicek → sedang_dicek → {terbit, bukan_klaim, duplikat}`; a clear-cut rumour may be
/// closed straight from `belum_dicek`; `bukan_klaim` and `duplikat` may be reopened. Only the
/// desk takes steps.
pub fn transition(from: ClusterState, step: Step, who: Party) -> Result<ClusterState, Refusal> {
    use ClusterState::*;
    if who != Party::Checker {
        return Err(Refusal::Forbidden);
    }
    match (from, step) {
        (BelumDicek | SedangDicek, Step::Check) => Ok(SedangDicek),
        (BelumDicek | SedangDicek, Step::Publish) => Ok(Terbit),
        (BelumDicek | SedangDicek, Step::NotAClaim) => Ok(BukanKlaim),
        (BelumDicek | SedangDicek, Step::Duplicate) => Ok(Duplikat),
        (BukanKlaim | Duplikat, Step::Reopen) => Ok(BelumDicek),
        _ => Err(Refusal::WrongState),
    }
}

/// Where a tip came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Api,
    WhatsApp,
    Telegram,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Web, Channel::Api, Channel::WhatsApp, Channel::Telegram];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::WhatsApp => "whatsapp",
            Channel::Telegram => "telegram",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A tip's ticket code: `CEK-2026-000123`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TipCode {
    pub year: i32,
    pub number: i64,
}

impl TipCode {
    /// Any case, spaces around, no leading zeros (`cek-2026-123`).
    pub fn parse(s: &str) -> Option<TipCode> {
        crate::domain::aspiration::parse_code("CEK", s).map(|(year, number)| TipCode { year, number })
    }
}

impl fmt::Display for TipCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CEK-{:04}-{:06}", self.year, self.number)
    }
}

/// The most a pasted message may hold (a long forward fits; a book does not).
pub const TIP_MAX_CHARS: usize = 4_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
        }
        assert_eq!(Verdict::parse("hoaks"), Some(Verdict::Hoaks));
        assert_eq!(Verdict::KonteksSalah.label(), "KONTEKS SALAH");
        for c in ContentType::ALL {
            assert_eq!(ContentType::parse(c.as_str()), Some(c));
        }
        for s in ClusterState::ALL {
            assert_eq!(ClusterState::parse(s.as_str()), Some(s));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        assert_eq!(Verdict::parse("bohong"), None);
    }

    /// Every (state, step): exactly the listed edges succeed.
    #[test]
    fn every_edge() {
        use ClusterState::*;
        let edges = [
            (BelumDicek, Step::Check, SedangDicek),
            (SedangDicek, Step::Check, SedangDicek),
            (BelumDicek, Step::Publish, Terbit),
            (SedangDicek, Step::Publish, Terbit),
            (BelumDicek, Step::NotAClaim, BukanKlaim),
            (SedangDicek, Step::NotAClaim, BukanKlaim),
            (BelumDicek, Step::Duplicate, Duplikat),
            (SedangDicek, Step::Duplicate, Duplikat),
            (BukanKlaim, Step::Reopen, BelumDicek),
            (Duplikat, Step::Reopen, BelumDicek),
        ];
        let steps = [Step::Check, Step::Publish, Step::NotAClaim, Step::Duplicate, Step::Reopen];
        for s in ClusterState::ALL {
            for step in steps {
                let want = edges.iter().find(|(from, st, _)| *from == s && *st == step).map(|e| e.2);
                assert_eq!(transition(s, step, Party::Checker).ok(), want, "{s:?} {step:?}");
                assert_eq!(transition(s, step, Party::Other), Err(Refusal::Forbidden), "only the desk");
            }
        }
        // A published verdict is never reopened from the desk: it is corrected by editing it.
        assert_eq!(transition(Terbit, Step::Reopen, Party::Checker), Err(Refusal::WrongState));
    }

    #[test]
    fn tip_codes() {
        let c = TipCode { year: 2026, number: 42 };
        assert_eq!(c.to_string(), "CEK-2026-000042");
        assert_eq!(TipCode::parse(" cek-2026-42 "), Some(c));
        assert_eq!(TipCode::parse("ASP-2026-000042"), None);
        assert_eq!(TipCode::parse("CEK-26-1"), None);
    }
}
