//! What each capability adds to the application at start-up (`features::register`): how to run
//! its background jobs, its periodic tasks, its reactions to other capabilities' events, its
//! public addresses for the sitemap, and what it must finish at shutdown. The job worker,
//! `serve`, the services and the sitemap walk these lists; nothing outside a capability names
//! its jobs, tasks or reactions.

use std::{collections::HashMap, sync::Arc, time::Duration};

use futures_util::future::BoxFuture;

use crate::{
    app::App,
    domain::{access::Actor, event::DomainEvent, time::Timestamp},
    error::AppResult,
    infra::{
        chat::{self, ChatChannel, SendChat},
        counters,
        db::Tx,
        jobs::{self, Job},
        mail::{self, Mail},
        outbox,
    },
};

/// Runs one job from its stored payload.
type JobRunner = Box<dyn for<'a> Fn(&'a App, &'a str) -> BoxFuture<'a, anyhow::Result<()>> + Send + Sync>;

/// A capability's reaction to an event, run inside the publishing transaction. An error undoes
/// the whole change (e.g. training refusing a practice draft from someone without a seat).
pub type Subscriber = for<'a> fn(&'a App, &'a mut Tx, &'a Published<'a>) -> BoxFuture<'a, AppResult<()>>;

/// An event as subscribers receive it: what happened, who did it, when.
pub struct Published<'a> {
    pub event: &'a DomainEvent,
    pub actor: &'a Actor,
    pub now: Timestamp,
}

/// Work that repeats while the server runs. It may keep state between rounds (a cursor, what
/// it has already seen); each node builds its own.
pub trait Task: Send {
    fn tick<'a>(&'a mut self, app: &'a App) -> BoxFuture<'a, anyhow::Result<()>>;
}

/// A task with no state: the same function every round.
struct Every(for<'a> fn(&'a App) -> BoxFuture<'a, anyhow::Result<()>>);

impl Task for Every {
    fn tick<'a>(&'a mut self, app: &'a App) -> BoxFuture<'a, anyhow::Result<()>> {
        (self.0)(app)
    }
}

struct TaskSpec {
    name: &'static str,
    every: Duration,
    make: Box<dyn Fn() -> Box<dyn Task> + Send + Sync>,
}

/// One address for `sitemap.xml`.
#[derive(Debug, Clone)]
pub struct SitemapUrl {
    /// The path (`/kim/kim-bulakan`); the sitemap makes it absolute.
    pub path: String,
    /// When it last changed, where known.
    pub updated_at: Option<Timestamp>,
}

/// Public pages a capability lists in `sitemap-pages.xml`.
pub type PagesSource = for<'a> fn(&'a App) -> BoxFuture<'a, AppResult<Vec<SitemapUrl>>>;

/// (offset, limit) → addresses of a sitemap section, in a stable order.
pub type SitemapPage = for<'a> fn(&'a App, i64, i64) -> BoxFuture<'a, AppResult<Vec<SitemapUrl>>>;

/// A large set of addresses split over numbered files (`sitemap-<name>-<n>.xml`).
#[derive(Clone, Copy)]
pub struct SitemapSection {
    pub name: &'static str,
    pub count: for<'a> fn(&'a App) -> BoxFuture<'a, AppResult<i64>>,
    pub page: SitemapPage,
}

type Hook = for<'a> fn(&'a App) -> BoxFuture<'a, anyhow::Result<()>>;

/// A list on "Tugas saya": what waits for this person in one capability, oldest first.
#[derive(Debug, Clone)]
pub struct WorkList {
    /// The heading's translation key.
    pub title: &'static str,
    /// How many there are in all (the items are the first few).
    pub count: i64,
    pub items: Vec<WorkItem>,
    /// The desk page with all of them.
    pub more: String,
    /// Counted in the menu's number: things this person must act on (not what is only to
    /// watch, like sessions ahead or reports already counted in another list).
    pub counted: bool,
}

/// One thing waiting.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub label: String,
    pub href: String,
    /// Since when it waits, or when it happens (a training session).
    pub at: Timestamp,
    /// Working days left before its deadline (negative: that many days late).
    pub days_left: Option<i64>,
}

/// How many items each list shows.
pub const WORK_ITEMS_SHOWN: i64 = 5;

/// A capability's lists for one person (none when nothing of theirs is there).
pub type WorkSource = for<'a> fn(&'a App, &'a Actor) -> BoxFuture<'a, AppResult<Vec<WorkList>>>;

/// A message that arrived on the city's chat (WhatsApp or Telegram).
pub struct ChatMessage<'a> {
    pub channel: ChatChannel,
    /// The sender's number or chat id (never logged).
    pub from: &'a str,
    pub text: &'a str,
}

/// A command a capability answers on the city's chat (a code that links a report, "BERHENTI"):
/// the reply when the message was one, `None` to leave it to the next (and finally to the
/// tip-line, which reads it as a tip).
pub type ChatCommand = for<'a> fn(&'a App, &'a ChatMessage<'a>) -> BoxFuture<'a, AppResult<Option<String>>>;

/// The lists capabilities add to.
#[derive(Default)]
pub struct Registry {
    jobs: HashMap<&'static str, JobRunner>,
    tasks: Vec<TaskSpec>,
    subscribers: Vec<Subscriber>,
    sitemap_pages: Vec<PagesSource>,
    sitemap_sections: Vec<SitemapSection>,
    on_shutdown: Vec<Hook>,
    chat_commands: Vec<ChatCommand>,
    work_sources: Vec<WorkSource>,
    file_owners: Vec<(&'static str, FilesInUse)>,
}

/// The stored files of one kind still referenced by a row (their keys).
pub type FilesInUse = for<'a> fn(&'a App) -> BoxFuture<'a, anyhow::Result<std::collections::HashSet<String>>>;

/// Pins down the higher-ranked signature of a job runner closure.
fn job_runner<F>(f: F) -> F
where
    F: for<'a> Fn(&'a App, &'a str) -> BoxFuture<'a, anyhow::Result<()>>,
{
    f
}

impl Registry {
    /// How to run jobs of kind `J::KIND`. A kind registered twice is a programming error.
    pub fn job<J: Job>(&mut self, run: for<'a> fn(&'a App, J) -> BoxFuture<'a, anyhow::Result<()>>) -> &mut Self {
        let runner = job_runner(move |app, payload| match serde_json::from_str::<J>(payload) {
            Ok(job) => run(app, job),
            Err(e) => Box::pin(async move { Err(anyhow::anyhow!("unreadable {} payload: {e}", J::KIND)) }),
        });
        let previous = self.jobs.insert(J::KIND, Box::new(runner));
        assert!(previous.is_none(), "job kind {} registered twice", J::KIND);
        self
    }

    /// A task that runs `run` every `every` (first at start-up).
    pub fn every(
        &mut self,
        name: &'static str,
        every: Duration,
        run: for<'a> fn(&'a App) -> BoxFuture<'a, anyhow::Result<()>>,
    ) -> &mut Self {
        self.tasks.push(TaskSpec { name, every, make: Box::new(move || Box::new(Every(run))) });
        self
    }

    /// A task with state, made afresh by `make` on each node.
    pub fn task(
        &mut self,
        name: &'static str,
        every: Duration,
        make: impl Fn() -> Box<dyn Task> + Send + Sync + 'static,
    ) -> &mut Self {
        self.tasks.push(TaskSpec { name, every, make: Box::new(make) });
        self
    }

    /// Reacts to events (the subscriber ignores those it does not care about).
    pub fn on_event(&mut self, subscriber: Subscriber) -> &mut Self {
        self.subscribers.push(subscriber);
        self
    }

    /// Adds public pages to `sitemap-pages.xml`.
    pub fn sitemap_pages(&mut self, source: PagesSource) -> &mut Self {
        self.sitemap_pages.push(source);
        self
    }

    /// Adds a numbered series of sitemap files.
    pub fn sitemap_section(&mut self, section: SitemapSection) -> &mut Self {
        self.sitemap_sections.push(section);
        self
    }

    /// Work to finish before the process exits (e.g. counters kept in memory).
    pub fn on_shutdown(&mut self, hook: Hook) -> &mut Self {
        self.on_shutdown.push(hook);
        self
    }

    /// Answers some chat messages before the tip-line reads them.
    pub fn on_chat(&mut self, command: ChatCommand) -> &mut Self {
        self.chat_commands.push(command);
        self
    }

    /// Declares the files whose keys start with `prefix` as this capability's, and how to list
    /// the ones its rows still reference; the others are swept (see [`sweep_orphan_files`]).
    /// A prefix ends in '-', which keys of other kinds never start with (media keys hold none).
    pub fn files(&mut self, prefix: &'static str, in_use: FilesInUse) -> &mut Self {
        self.file_owners.push((prefix, in_use));
        self
    }

    /// Adds lists to "Tugas saya".
    pub fn work(&mut self, source: WorkSource) -> &mut Self {
        self.work_sources.push(source);
        self
    }

    pub fn sections(&self) -> &[SitemapSection] {
        &self.sitemap_sections
    }

    pub fn pages_sources(&self) -> &[PagesSource] {
        &self.sitemap_pages
    }

    /// The names of the registered tasks (for logs and tests).
    pub fn task_names(&self) -> Vec<&'static str> {
        self.tasks.iter().map(|t| t.name).collect()
    }
}

/// The application's own entries, below every capability: mail leaves through the job queue,
/// the node follows the change outbox (changes made by other nodes or by the CLI), and finished
/// jobs, old outbox rows and old mail files are cleared away.
pub fn infrastructure() -> Registry {
    let mut reg = Registry::default();
    reg.job::<jobs::Keyed<Mail>>(|app, m| {
        Box::pin(async move { app.mailer.send(&m.job, m.job_key.as_deref(), app.clock.now()).await })
    })
    .job::<SendChat>(|app, m| Box::pin(async move { chat::send(app, &m).await }))
    .task("outbox", outbox::POLL, || Box::<OutboxFollower>::default())
    .every("housekeeping", HOUSEKEEPING, |app| Box::pin(housekeeping(app)))
    // Listing a large bucket takes many requests: four times a day is enough for leftovers.
    .every("files.sweep", Duration::from_secs(6 * 3600), |app| {
        Box::pin(async move { sweep_orphan_files(app, ORPHAN_AGE).await.map(|_| ()) })
    });
    reg
}

/// Follows the change outbox: when another node (or the CLI) changed something, this node's
/// caches are dropped.
#[derive(Default)]
struct OutboxFollower {
    seen: Option<outbox::Mark>,
}

impl Task for OutboxFollower {
    fn tick<'a>(&'a mut self, app: &'a App) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            match &mut self.seen {
                None => self.seen = Some(outbox::latest(&app.db).await?),
                Some(seen) => {
                    outbox::check(&app.db, seen).await?;
                }
            }
            Ok(())
        })
    }
}

/// How often housekeeping runs.
pub const HOUSEKEEPING: Duration = Duration::from_secs(600);

/// Finished jobs and outbox mails are kept this long (for support questions), then removed.
pub const KEEP_DAYS: i64 = 7;

/// Removes what the queue and the outbox no longer need; personal data is not kept longer
/// than its purpose (UU PDP 27/2022).
async fn housekeeping(app: &App) -> anyhow::Result<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut n = jobs::purge_done(&mut tx, now.plus_days(-KEEP_DAYS)).await?;
    n += outbox::purge(&mut tx, now.plus_days(-1)).await?;
    n += counters::purge(&mut tx, now.plus_days(-1)).await?;
    tx.commit().await?;
    if let Some(dir) = app.mailer.outbox_dir().cloned() {
        let cutoff = now.plus_days(-KEEP_DAYS);
        n += tokio::task::spawn_blocking(move || mail::prune_outbox(&dir, cutoff)).await?;
    }
    if n > 0 {
        tracing::info!(removed = n, "housekeeping");
    }
    Ok(())
}

/// A stored file no row references is kept this long before it is removed: a submission in
/// progress stores its files first and its rows a moment later.
pub const ORPHAN_AGE: Duration = Duration::from_secs(24 * 3600);

/// Removes stored files that belong to a capability (by their key's prefix) but that none of
/// its rows references any more and that are older than `age` — what a crash between storing
/// a submission's photos and committing its rows leaves behind. Files of no known owner are
/// never touched. Returns how many were removed.
pub async fn sweep_orphan_files(app: &App, age: Duration) -> anyhow::Result<u64> {
    if app.registry.file_owners.is_empty() {
        return Ok(0);
    }
    let cutoff = app.clock.now().0 - i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
    let files = app.storage.list().await?;
    let mut removed = 0;
    for (prefix, in_use) in &app.registry.file_owners {
        let candidates: Vec<&String> =
            files.iter().filter(|(k, _, at)| k.starts_with(prefix) && *at < cutoff).map(|(k, _, _)| k).collect();
        if candidates.is_empty() {
            continue;
        }
        let used = in_use(app).await?;
        for key in candidates.into_iter().filter(|k| !used.contains(*k)) {
            app.storage.delete(key).await?;
            tracing::info!(key = %key, "removed a stored file no row references");
            removed += 1;
        }
    }
    Ok(removed)
}

/// Tells every subscriber about `event`, inside `tx`. Call it in the transaction that makes
/// the change, before committing.
pub async fn publish(app: &App, tx: &mut Tx, actor: &Actor, now: Timestamp, event: DomainEvent) -> AppResult<()> {
    let published = Published { event: &event, actor, now };
    for s in &app.registry.subscribers {
        s(app, tx, &published).await?;
    }
    Ok(())
}

/// Everything waiting for `actor`, list by list, in the order capabilities registered.
pub async fn work_for(app: &App, actor: &Actor) -> AppResult<Vec<WorkList>> {
    let mut out = Vec::new();
    for source in &app.registry.work_sources {
        out.extend(source(app, actor).await?.into_iter().filter(|l| l.count > 0));
    }
    Ok(out)
}

/// How many things wait for `actor` (the menu's badge), cached per person until this node
/// commits a change or a minute passes.
pub async fn work_count(app: &App, actor: &Actor) -> AppResult<i64> {
    let Some(user) = actor.user_id else { return Ok(0) };
    // Per person and per minute of the application's clock: deadlines pass without any commit.
    let key = format!("{user}:{}", app.clock.now().0 / 60_000);
    let generation = app.db.generation();
    if let Some(n) = app.work_counts.get(&key, generation) {
        return Ok(n);
    }
    let n = work_for(app, actor).await?.iter().filter(|l| l.counted).map(|l| l.count).sum();
    app.work_counts.put(key, n, generation);
    Ok(n)
}

/// The reply of the first capability that takes `msg` as a command, if one does.
pub async fn chat_command(app: &App, msg: &ChatMessage<'_>) -> AppResult<Option<String>> {
    for command in &app.registry.chat_commands {
        if let Some(reply) = command(app, msg).await? {
            return Ok(Some(reply));
        }
    }
    Ok(None)
}

/// Runs every due job once; returns how many ran. Failed jobs retry with back-off.
pub async fn run_due_jobs(app: &App) -> anyhow::Result<usize> {
    let mut n = 0;
    while let Some(job) =
        jobs::claim(&app.db, app.clock.now(), i64::from(app.config.job_lease_seconds) * 1000, &app.node).await?
    {
        n += 1;
        let result = match app.registry.jobs.get(job.kind.as_str()) {
            Some(run) => run(app, &job.payload).await,
            // A newer node may know it: the job waits for its retry there.
            None => Err(anyhow::anyhow!("no runner for job kind {:?}", job.kind)),
        };
        let now = app.clock.now();
        match result {
            Ok(()) => jobs::complete(&app.db, &job, now).await?,
            Err(e) => jobs::fail(&app.db, &job, &e, now).await?,
        }
    }
    Ok(n)
}

/// Job workers per node: jobs are mostly waiting on the network (mail, chat APIs), so a slow
/// chat API or mail server does not hold the rest of the queue (claims are atomic: each job
/// runs once).
pub const JOB_WORKERS: usize = 4;

/// A job worker: polls for due jobs until the process stops, and wakes at once when this node
/// queued one (`App::jobs_queued`), so a chat reply leaves within milliseconds.
async fn job_worker(app: Arc<App>) {
    loop {
        if let Err(e) = run_due_jobs(&app).await {
            tracing::error!(error = %e, "job worker");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            _ = app.jobs_queued.notified() => {}
        }
    }
}

/// Starts the job workers and every registered task on this node.
pub fn start_background(app: &Arc<App>) {
    for _ in 0..JOB_WORKERS {
        tokio::spawn(job_worker(app.clone()));
    }
    for spec in &app.registry.tasks {
        let (name, every, mut task) = (spec.name, spec.every, (spec.make)());
        let app = app.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = task.tick(&app).await {
                    tracing::warn!(task = name, error = %e, "background task");
                    // The database may be away: do not fill the log several times a second.
                    tokio::time::sleep(every.max(Duration::from_secs(10))).await;
                }
                tokio::time::sleep(every).await;
            }
        });
    }
}

/// Runs one round of each task whose name `which` accepts, now (the CLI and tests use it;
/// `serve` runs tasks on their own schedule).
pub async fn run_tasks_once(app: &App, which: impl Fn(&str) -> bool) -> anyhow::Result<()> {
    for spec in app.registry.tasks.iter().filter(|t| which(t.name)) {
        (spec.make)().tick(app).await?;
    }
    Ok(())
}

/// Runs the shutdown hooks (errors are logged: the process is ending anyway).
pub async fn shut_down(app: &App) {
    for hook in &app.registry.on_shutdown {
        if let Err(e) = hook(app).await {
            tracing::error!(error = %e, "at shutdown");
        }
    }
}
