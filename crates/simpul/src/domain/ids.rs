//! Ids of the main entities, as types: a report's id cannot be passed where a person's is
//! expected. Stored as integers (`infra::db::codec`), written as numbers in addresses and JSON.

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    )*};
}

ids!(
    /// A person's account.
    UserId,
    /// A KIM group.
    KimId,
    /// A government unit.
    OpdId,
    /// A kota, kecamatan or kelurahan.
    RegionId,
    /// A citizen's report (aspirasi).
    AspirationId,
    /// A file attached to a report.
    AttachmentId,
    /// A category reports are filed under (each handled by one OPD).
    CategoryId,
);
