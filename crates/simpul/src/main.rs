//! The `simpul` binary: parse the command line, set up logging, run the command.

use clap::Parser;

/// mimalloc instead of glibc's malloc: under load the two worker threads spent about a fifth of
/// their time in glibc's malloc/free (perf), and glibc kept freed 19 MiB Argon2 buffers resident.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = simpul::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SIMPUL_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    limit_c_heaps();
    return_freed_memory();
    // Blocking work (search, image re-encoding, password hashing) is CPU-bound: more threads
    // than cores only add memory (each keeps its own allocator heap), not speed.
    let blocking = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads(blocking).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(simpul::cli::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// SQLite allocates with the C library's malloc, and glibc gives every thread that calls it a
/// heap of its own: with a connection thread per pooled connection that was about 50 MB of
/// mostly idle memory. Two heaps are plenty for SQLite's page caches.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_c_heaps() {
    // SAFETY: mallopt only changes a malloc tuning value; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_c_heaps() {}

/// mimalloc gives freed memory back to the system 10 ms after it is freed, and its arenas ten
/// times later; under search load that kept about 40 MB more resident for no measurable speed.
/// Giving it back at once keeps the server near 120 MB with 100,000 articles (`bench/search.sh`).
fn return_freed_memory() {
    // `mi_option_purge_delay` in mimalloc v3's mimalloc.h; the Rust bindings do not name it. The
    // documented default (10) confirms the number before it is changed.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: reading and setting a mimalloc option has no memory-safety preconditions.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 10 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }
}
