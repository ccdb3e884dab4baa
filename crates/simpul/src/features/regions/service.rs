//! Importing regions: all rows or none, idempotent, audited.

use simpul_text::slugify;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Permission},
        region::{RowError, check_code, parse_regions_csv},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::audit::{self, Event},
};

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub existing: usize,
}

/// Why an import changed nothing.
#[derive(Debug)]
pub enum ImportError {
    Rows(Vec<RowError>),
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        ImportError::App(e)
    }
}

/// Imports a regions CSV in one transaction.
pub async fn import_csv(app: &App, actor: &Actor, data: &[u8]) -> Result<ImportReport, ImportError> {
    actor.require(Permission::ManageRegions).map_err(AppError::from)?;
    let rows = parse_regions_csv(data).map_err(ImportError::Rows)?;
    let now = app.clock.now();
    let run = async {
        let mut tx = app.db.begin().await?;
        let mut report = ImportReport { rows: rows.len(), ..Default::default() };
        // Each region is counted once, though many rows name the same kota and kecamatan.
        let mut seen = std::collections::HashSet::new();
        let mut count = |id: i64, new: bool| {
            if seen.insert(id) {
                if new { report.created += 1 } else { report.existing += 1 }
            }
        };
        for r in &rows {
            let (k, ke, kl) = (slugify(&r.kota, 80), slugify(&r.kecamatan, 80), slugify(&r.kelurahan, 80));
            let (kota_id, new) = repo::upsert(&mut tx, "kota", &r.kota, &k, &k, None, now).await?;
            count(kota_id, new);
            let kec_path = format!("{k}/{ke}");
            let (kec_id, new) =
                repo::upsert(&mut tx, "kecamatan", &r.kecamatan, &ke, &kec_path, Some(kota_id), now).await?;
            count(kec_id, new);
            let (kel_id, new) =
                repo::upsert(&mut tx, "kelurahan", &r.kelurahan, &kl, &format!("{kec_path}/{kl}"), Some(kec_id), now)
                    .await?;
            count(kel_id, new);
        }
        audit::record(
            &mut tx,
            actor,
            now,
            Event {
                action: "region.import",
                entity_type: "region",
                entity_id: None,
                before: None,
                after: serde_json::to_value(&report).ok(),
            },
        )
        .await?;
        tx.commit().await?;
        AppResult::Ok(report)
    };
    Ok(run.await?)
}

/// Sets (or clears, with an empty text) a region's official Kemendagri code.
pub async fn set_code(app: &App, actor: &Actor, id: i64, code: &str) -> AppResult<()> {
    actor.require(Permission::ManageRegions)?;
    let code = code.trim();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let region = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let level = region.level;
    if !code.is_empty() {
        let parent_code = match region.parent_id {
            Some(p) => repo::find(&mut tx, p).await?.and_then(|p| p.code),
            None => None,
        };
        let mut e = FieldErrors::new();
        if let Err(key) = check_code(level, code, parent_code.as_deref()) {
            e.add("code", key);
        } else if repo::code_taken(&mut tx, code, id).await? {
            e.add("code", "err-code-taken");
        }
        e.into_result()?;
    }
    let new = (!code.is_empty()).then_some(code);
    repo::set_code(&mut tx, id, new).await?;
    let ev = Event::new("region.code", "region", id)
        .before(&serde_json::json!({ "code": region.code }))
        .after(&serde_json::json!({ "code": new }));
    audit::record(&mut tx, actor, now, ev).await?;
    tx.commit().await?;
    Ok(())
}

/// The Kota Cilegon regions shipped with the binary (used by `serve --demo`).
pub const CILEGON_CSV: &[u8] = include_bytes!("../../../data/regions/cilegon.csv");
