//! How domain types are stored, once for both engines: states, kinds and roles as their text
//! codes (`as_str` to write, `parse` to read, so a row with an unknown code fails
//! to decode instead of being misread), instants and ids as integers. Row types use the domain
//! types directly, and queries bind them.

use sqlx::{
    Decode, Postgres, Sqlite, Type,
    error::BoxDynError,
    postgres::{PgTypeInfo, PgValueRef},
    sqlite::{SqliteTypeInfo, SqliteValueRef},
};

use super::query::Arg;
use crate::domain::{
    access::{Role, TokenScope},
    article::ArticleState,
    aspiration::{Kind, Participant, RejectReason, Source, Status, Step},
    factcheck::{Channel, ClusterState, ContentType, Verdict},
    ids::{AspirationId, AttachmentId, CategoryId, KimId, OpdId, RegionId, UserId},
    kim::KimLevel,
    region::RegionLevel,
    time::Timestamp,
    training::RegStatus,
};

macro_rules! stored_as_text {
    ($($t:ty),* $(,)?) => {$(
        impl Type<Sqlite> for $t {
            fn type_info() -> SqliteTypeInfo {
                <str as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <str as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $t {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let s = <&str as Decode<Sqlite>>::decode(value)?;
                <$t>::parse(s).ok_or_else(|| format!("unknown {} code {s:?}", stringify!($t)).into())
            }
        }
        impl Type<Postgres> for $t {
            fn type_info() -> PgTypeInfo {
                <str as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <str as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Postgres> for $t {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                let s = <&str as Decode<Postgres>>::decode(value)?;
                <$t>::parse(s).ok_or_else(|| format!("unknown {} code {s:?}", stringify!($t)).into())
            }
        }
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Text(Some(v.as_str().to_owned()))
            }
        }
        impl From<Option<$t>> for Arg {
            fn from(v: Option<$t>) -> Arg {
                Arg::Text(v.map(|v| v.as_str().to_owned()))
            }
        }
    )*};
}

stored_as_text!(
    ArticleState,
    Status,
    Kind,
    RejectReason,
    Step,
    Participant,
    Source,
    Verdict,
    ContentType,
    ClusterState,
    Channel,
    crate::infra::chat::ChatChannel,
    RegStatus,
    KimLevel,
    RegionLevel,
    Role,
    TokenScope,
);

/// Instants and ids: integers in both engines.
macro_rules! stored_as_integer {
    ($($t:ident),* $(,)?) => {$(
        impl Type<Sqlite> for $t {
            fn type_info() -> SqliteTypeInfo {
                <i64 as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <i64 as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $t {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                <i64 as Decode<Sqlite>>::decode(value).map($t)
            }
        }
        impl Type<Postgres> for $t {
            fn type_info() -> PgTypeInfo {
                <i64 as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <i64 as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Postgres> for $t {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                <i64 as Decode<Postgres>>::decode(value).map($t)
            }
        }
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::I64(Some(v.0))
            }
        }
        impl From<Option<$t>> for Arg {
            fn from(v: Option<$t>) -> Arg {
                Arg::I64(v.map(|v| v.0))
            }
        }
    )*};
}

stored_as_integer!(Timestamp, AspirationId, AttachmentId, CategoryId, KimId, OpdId, RegionId, UserId);
