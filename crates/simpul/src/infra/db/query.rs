//! Building and running queries: engine-neutral arguments, the row and scalar traits both
//! engines decode, and [`Executor`] for "run on the pool or in this transaction".

use std::borrow::Cow;

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, postgres::PgRow, sqlite::SqliteRow};

use super::{Db, DbError, Pools, Tx, TxInner};

/// An engine-neutral bind argument. NULLs are typed so PostgreSQL accepts them.
#[derive(Debug, Clone)]
pub enum Arg {
    I64(Option<i64>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
}

macro_rules! arg_from {
    ($t:ty, $variant:ident, $conv:expr) => {
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::$variant(Some($conv(v)))
            }
        }
        impl From<Option<$t>> for Arg {
            fn from(v: Option<$t>) -> Arg {
                Arg::$variant(v.map($conv))
            }
        }
    };
}
arg_from!(i64, I64, |v| v);
arg_from!(i32, I64, i64::from);
arg_from!(f64, F64, |v| v);
arg_from!(bool, Bool, |v| v);
arg_from!(String, Text, |v| v);
arg_from!(&str, Text, str::to_owned);
arg_from!(&String, Text, String::clone);

impl From<Option<&Option<String>>> for Arg {
    fn from(v: Option<&Option<String>>) -> Arg {
        Arg::Text(v.cloned().flatten())
    }
}

/// A row type both engines can decode.
pub trait FromRow: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}
impl<T> FromRow for T where T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}

/// A single-column value both engines can decode.
pub trait Scalar:
    sqlx::Type<Sqlite>
    + for<'r> sqlx::Decode<'r, Sqlite>
    + sqlx::Type<Postgres>
    + for<'r> sqlx::Decode<'r, Postgres>
    + Send
    + Unpin
{
}
impl<T> Scalar for T where
    T: sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Postgres>
        + for<'r> sqlx::Decode<'r, Postgres>
        + Send
        + Unpin
{
}

/// Where a query runs: the pool (`&Db`) or an open transaction (`&mut Tx`).
pub trait Executor: Send {
    fn conn(&mut self) -> Conn<'_>;
}

#[doc(hidden)]
pub enum Conn<'a> {
    SqlitePool(&'a SqlitePool),
    SqliteTx(&'a mut sqlx::SqliteConnection),
    Pg(&'a PgPool),
    PgTx(&'a mut sqlx::PgConnection),
}

impl Executor for &Db {
    fn conn(&mut self) -> Conn<'_> {
        match &self.pools {
            Pools::Sqlite { read, .. } => Conn::SqlitePool(read),
            Pools::Postgres(p) => Conn::Pg(p),
        }
    }
}

impl Executor for &mut Tx {
    fn conn(&mut self) -> Conn<'_> {
        match &mut self.inner {
            TxInner::Sqlite(t) => Conn::SqliteTx(&mut *t),
            TxInner::Postgres(t) => Conn::PgTx(&mut *t),
        }
    }
}

/// A `LIKE` pattern matching `text` anywhere (or only at the start), lower-cased, with `%`,
/// `_` and `\` escaped; use it with `LIKE $n ESCAPE '\'`.
pub fn like_pattern(text: &str, prefix_only: bool) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    if !prefix_only {
        p.push('%');
    }
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Starts a query; add arguments with [`Query::bind`] in `$n` order.
pub fn query(sql: impl Into<Cow<'static, str>>) -> Query {
    Query { sql: sql.into(), args: Vec::new() }
}

/// A query with its arguments, not yet bound to an engine.
#[must_use]
pub struct Query {
    sql: Cow<'static, str>,
    args: Vec<Arg>,
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::I64(v) => q.bind(v),
                Arg::F64(v) => q.bind(v),
                Arg::Bool(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
            };
        }
        q
    }};
}

macro_rules! dispatch {
    ($self:ident, $ex:ident, $method:ident, $build:ident) => {{
        let Query { sql, args } = $self;
        match $ex.conn() {
            Conn::SqlitePool(p) => {
                bind_all!(sqlx::$build::<Sqlite, _>(sqlx::AssertSqlSafe(sql)), args).$method(p).await
            }
            Conn::SqliteTx(c) => bind_all!(sqlx::$build::<Sqlite, _>(sqlx::AssertSqlSafe(sql)), args).$method(c).await,
            Conn::Pg(p) => bind_all!(sqlx::$build::<Postgres, _>(sqlx::AssertSqlSafe(sql)), args).$method(p).await,
            Conn::PgTx(c) => bind_all!(sqlx::$build::<Postgres, _>(sqlx::AssertSqlSafe(sql)), args).$method(c).await,
        }
        .map_err(DbError::from_sqlx)
    }};
}

impl Query {
    pub fn bind(mut self, v: impl Into<Arg>) -> Self {
        self.args.push(v.into());
        self
    }

    pub async fn fetch_all<T: FromRow>(self, mut ex: impl Executor) -> Result<Vec<T>, DbError> {
        dispatch!(self, ex, fetch_all, query_as)
    }

    pub async fn fetch_optional<T: FromRow>(self, mut ex: impl Executor) -> Result<Option<T>, DbError> {
        dispatch!(self, ex, fetch_optional, query_as)
    }

    pub async fn fetch_one<T: FromRow>(self, mut ex: impl Executor) -> Result<T, DbError> {
        dispatch!(self, ex, fetch_one, query_as)
    }

    pub async fn scalar<T: Scalar>(self, mut ex: impl Executor) -> Result<T, DbError> {
        dispatch!(self, ex, fetch_one, query_scalar)
    }

    pub async fn scalar_optional<T: Scalar>(self, mut ex: impl Executor) -> Result<Option<T>, DbError> {
        dispatch!(self, ex, fetch_optional, query_scalar)
    }

    pub async fn scalars<T: Scalar>(self, mut ex: impl Executor) -> Result<Vec<T>, DbError> {
        dispatch!(self, ex, fetch_all, query_scalar)
    }

    /// Runs a statement; returns the number of rows it changed.
    pub async fn execute(self, mut ex: impl Executor) -> Result<u64, DbError> {
        let Query { sql, args } = self;
        let n = match ex.conn() {
            Conn::SqlitePool(p) => bind_all!(sqlx::query::<Sqlite>(sqlx::AssertSqlSafe(sql)), args)
                .execute(p)
                .await
                .map(|r| r.rows_affected()),
            Conn::SqliteTx(c) => bind_all!(sqlx::query::<Sqlite>(sqlx::AssertSqlSafe(sql)), args)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
            Conn::Pg(p) => bind_all!(sqlx::query::<Postgres>(sqlx::AssertSqlSafe(sql)), args)
                .execute(p)
                .await
                .map(|r| r.rows_affected()),
            Conn::PgTx(c) => bind_all!(sqlx::query::<Postgres>(sqlx::AssertSqlSafe(sql)), args)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
        };
        n.map_err(DbError::from_sqlx)
    }
}

/// A query assembled from optional parts (filters): each `?` in a part becomes the next `$n`
/// and takes the next value, so the numbering cannot go wrong however the parts combine.
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    /// Starts with `text`, which may already use `$1…` for values given with [`Sql::bind_next`].
    pub fn new(text: impl Into<String>) -> Sql {
        Sql { text: text.into(), args: Vec::new() }
    }

    /// Adds a value for the next `$n` already written in the text.
    pub fn bind_next(&mut self, value: Arg) {
        self.args.push(value);
    }

    /// Appends `clause`, each `?` in it taking the next of `values`.
    pub fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Arg>) {
        let mut values = values.into_iter();
        for (i, part) in clause.split('?').enumerate() {
            if i > 0 {
                self.args.push(values.next().expect("a value for every placeholder"));
                self.text.push_str(&format!("${}", self.args.len()));
            }
            self.text.push_str(part);
        }
    }

    /// ` AND column IN (…)` over `values`; nothing matches an empty list.
    pub fn push_in(&mut self, column: &str, values: Vec<Arg>) {
        if values.is_empty() {
            self.text.push_str(" AND FALSE");
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.push(&format!(" AND {column} IN ({marks})"), values);
    }

    pub fn into_query(self) -> Query {
        Query { sql: self.text.into(), args: self.args }
    }
}

/// A slug made from `text` that no row of `table` uses yet: `base`, `base-2`, `base-3`, …
/// (`fallback` when the text has no letters or digits). `None` after 1,000 tries.
/// `table` is always a literal from the caller, never input.
pub async fn unique_slug(
    tx: &mut Tx,
    table: &'static str,
    text: &str,
    max_len: usize,
    fallback: &str,
) -> Result<Option<String>, DbError> {
    let base = match simpul_text::slugify(text, max_len) {
        s if s.is_empty() => fallback.to_owned(),
        s => s,
    };
    for n in 1..1000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken: i64 = query(format!("SELECT COUNT(*) FROM {table} WHERE slug = $1"))
            .bind(candidate.as_str())
            .scalar(&mut *tx)
            .await?;
        if taken == 0 {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}
