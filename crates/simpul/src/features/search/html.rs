//! The `/cari` page: results with highlighted passages, facets, sorting, paging, "Mungkin
//! maksud Anda", and a helpful page when nothing is found. Works without JavaScript.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::service::{self, FacetValue, Hit, PAGE_SIZE, SearchQuery, Sort};
use crate::{
    app::AppState,
    domain::factcheck::Verdict,
    error::AppResult,
    web::{
        extract::Query,
        page::{Page, render},
        viewer::Viewer,
    },
};

/// The query string. Numbers that do not parse are ignored rather than refused: a search
/// page answers whatever is typed or pasted into its address. The page's own addresses use the
/// Indonesian names (`kategori`, `tahun`, `urut`, `hal`); the JSON API documents the English
/// ones (`category`, `year`, `sort`, `page`); both are accepted on both.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    #[serde(alias = "kategori")]
    pub category: String,
    pub kecamatan: String,
    #[serde(alias = "tahun")]
    pub year: String,
    #[serde(alias = "urut")]
    pub sort: String,
    #[serde(alias = "hal")]
    pub page: String,
}

impl SearchParams {
    /// For the JSON API: a number that does not parse or lies outside its documented range is
    /// refused by field, so a client learns its mistake instead of getting unfiltered results.
    pub fn to_query_strict(&self) -> Result<SearchQuery, crate::domain::validation::FieldErrors> {
        let mut e = crate::domain::validation::FieldErrors::new();
        let mut check = |field: &str, value: &str, max: i64| {
            let v = value.trim();
            if !v.is_empty() && !v.parse::<i64>().is_ok_and(|n| (1..=max).contains(&n)) {
                e.add(field, "err-number-range");
            }
        };
        check("category", &self.category, i64::MAX);
        check("kecamatan", &self.kecamatan, i64::MAX);
        check("year", &self.year, 9999);
        check("page", &self.page, 1000);
        if !matches!(self.sort.as_str(), "" | "relevance" | "newest" | "terbaru") {
            e.add("sort", "err-choose");
        }
        e.into_result()?;
        Ok(self.to_query())
    }

    pub fn to_query(&self) -> SearchQuery {
        let num = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
        SearchQuery {
            q: self.q.trim().to_owned(),
            category: num(&self.category),
            kecamatan: num(&self.kecamatan),
            year: num(&self.year).and_then(|y| i32::try_from(y).ok()),
            sort: if matches!(self.sort.as_str(), "terbaru" | "newest") { Sort::Newest } else { Sort::Relevance },
            page: num(&self.page).map_or(1, |p| p.min(1000) as usize),
        }
    }
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct SearchPage {
    page: Page,
    p: SearchParams,
    q: SearchQuery,
    total: usize,
    total_is_estimate: bool,
    hits: Vec<Hit>,
    categories: Vec<FacetValue>,
    kecamatan: Vec<FacetValue>,
    years: Vec<FacetValue>,
    suggestion: Option<String>,
    has_next: bool,
    /// Clarifications of hoaxes about what was searched (first page only).
    clarifications: Vec<crate::features::factcheck::ClarificationItem>,
}

impl SearchPage {
    fn badge(&self, verdict: &Verdict) -> (String, &'static str) {
        crate::features::factcheck::badge(*verdict)
    }

    fn date(&self, h: &Hit) -> String {
        h.article.published_at.map(|t| self.page.day(t)).unwrap_or_default()
    }

    /// This search's address with one parameter changed (and paging reset unless it is `hal`).
    fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.p.q.clone()),
            ("kategori", self.p.category.clone()),
            ("kecamatan", self.p.kecamatan.clone()),
            ("tahun", self.p.year.clone()),
            ("urut", self.p.sort.clone()),
        ];
        if key == "hal" {
            pairs.push(("hal", value.to_owned()));
        } else if let Some(p) = pairs.iter_mut().find(|(k, _)| *k == key) {
            p.1 = value.to_owned();
        }
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            s.append_pair(k, v);
        }
        format!("/cari?{}", s.finish())
    }

    fn suggestion_link(&self, s: &str) -> String {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        ser.append_pair("q", s);
        format!("/cari?{}", ser.finish())
    }

    fn selected(&self, facet: &str, id: &i64) -> bool {
        let v = match facet {
            "kategori" => &self.p.category,
            "kecamatan" => &self.p.kecamatan,
            _ => &self.p.year,
        };
        v.trim() == id.to_string()
    }

    fn next_page(&self) -> String {
        (self.q.page + 1).to_string()
    }

    fn prev_page(&self) -> String {
        (self.q.page.saturating_sub(1)).to_string()
    }
}

pub async fn show_search(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> AppResult<Response> {
    let q = p.to_query();
    let r = if q.q.is_empty() {
        service::Results {
            total: 0,
            total_is_estimate: false,
            hits: Vec::new(),
            categories: Vec::new(),
            kecamatan: Vec::new(),
            years: Vec::new(),
            suggestion: None,
        }
    } else {
        service::search(&app, &q).await?
    };
    let mut page = Page::new(&app, &viewer, "/cari", "search-title");
    if !q.q.is_empty() {
        page.title = format!("{} · {}", q.q, page.title);
    }
    // A very common query pages through its best matches only.
    let reachable = if r.total_is_estimate { r.total.min(service::BEST) } else { r.total };
    let has_next = q.page * PAGE_SIZE < reachable;
    // Someone searching a rumour should meet its clarification before the news.
    let clarifications = if q.q.is_empty() || q.page > 1 {
        Vec::new()
    } else {
        crate::features::factcheck::search(&app, &q.q, 3, simpul_text::claims::CANDIDATE).await?
    };
    Ok(render(&SearchPage {
        page,
        p,
        q,
        total: r.total,
        total_is_estimate: r.total_is_estimate,
        hits: r.hits,
        categories: r.categories,
        kecamatan: r.kecamatan,
        years: r.years,
        suggestion: r.suggestion,
        has_next,
        clarifications,
    }))
}
