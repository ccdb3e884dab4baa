//! Prometheus metrics in text format: request counts by status class and a latency histogram.

use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Instant,
};

use axum::{extract::Request, middleware::Next, response::Response};

const BUCKETS_MS: [u64; 9] = [1, 2, 5, 10, 20, 50, 100, 250, 1000];

/// Counters shared by all requests of one node.
#[derive(Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    buckets: [AtomicU64; 9],
    count: AtomicU64,
    sum_us: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, status: u16, micros: u64) {
        let class = (status / 100).clamp(1, 5) as usize - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_us.fetch_add(micros, Ordering::Relaxed);
        for (i, b) in BUCKETS_MS.iter().enumerate() {
            if micros <= b * 1000 {
                self.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// The Prometheus exposition text.
    pub fn render(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        s.push_str("# HELP simpul_http_requests_total HTTP requests by status class.\n# TYPE simpul_http_requests_total counter\n");
        for (i, c) in self.by_class.iter().enumerate() {
            let _ = writeln!(s, "simpul_http_requests_total{{class=\"{}xx\"}} {}", i + 1, c.load(Ordering::Relaxed));
        }
        s.push_str("# HELP simpul_http_request_duration_seconds Request latency.\n# TYPE simpul_http_request_duration_seconds histogram\n");
        for (i, b) in BUCKETS_MS.iter().enumerate() {
            let _ = writeln!(
                s,
                "simpul_http_request_duration_seconds_bucket{{le=\"{}\"}} {}",
                *b as f64 / 1000.0,
                self.buckets[i].load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(s, "simpul_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            s,
            "simpul_http_request_duration_seconds_sum {}",
            self.sum_us.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(s, "simpul_http_request_duration_seconds_count {count}");
        s
    }
}

/// Middleware recording every response.
pub async fn track(
    axum::extract::State(app): axum::extract::State<crate::app::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let res = next.run(req).await;
    app.metrics.observe(res.status().as_u16(), start.elapsed().as_micros() as u64);
    res
}
