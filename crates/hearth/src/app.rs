//! The application: state built from the configuration, and `serve(listener, shutdown)`.

use crate::config::Config;
use crate::services::Hearth;
use crate::web;
use crate::web::cache::PageCache;
use crate::web::templates::Templates;
use hearth_core::model::Community;
use hearth_store::Store;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a node may show branding another node changed.
const COMMUNITY_TTL: Duration = Duration::from_secs(1);
use tokio::net::TcpListener;

/// Everything a request handler may use. Passed explicitly; there is no global state.
#[derive(Clone)]
pub struct AppState {
    pub hearth: Hearth,
    pub templates: Arc<Templates>,
    /// Becomes true once the community exists, and never goes back.
    set_up: Arc<AtomicBool>,
    /// The community's branding, read at most once a second (every page shows it).
    community: Arc<RwLock<Option<(Instant, Community)>>>,
    /// Anonymous answers, reused for `anonymous_cache_ms`.
    pub page_cache: Arc<PageCache>,
    /// Imports started from the admin page, for their progress pages.
    pub imports: Arc<crate::import::Running>,
}

impl AppState {
    pub async fn new(config: Config) -> anyhow::Result<AppState> {
        let store = open_store(&config).await?;
        let set_up = store.community().await?.is_some();
        let page_cache = Arc::new(PageCache::new(Duration::from_millis(
            config.anonymous_cache_ms,
        )));
        Ok(AppState {
            hearth: Hearth::new(store, config)?,
            templates: Arc::new(Templates::new()?),
            set_up: Arc::new(AtomicBool::new(set_up)),
            community: Arc::new(RwLock::new(None)),
            page_cache,
            imports: Arc::default(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.hearth.store
    }

    pub fn config(&self) -> &Config {
        &self.hearth.config
    }

    /// The community (branding), from a copy at most a second old.
    pub async fn community(&self) -> Result<Option<Community>, hearth_store::StoreError> {
        if let Ok(guard) = self.community.read()
            && let Some((at, c)) = guard.as_ref()
            && at.elapsed() < COMMUNITY_TTL
        {
            return Ok(Some(c.clone()));
        }
        let fresh = self.store().community().await?;
        if let (Some(c), Ok(mut guard)) = (&fresh, self.community.write()) {
            *guard = Some((Instant::now(), c.clone()));
        }
        Ok(fresh)
    }

    /// Drops the cached branding after a change on this node.
    pub fn forget_community(&self) {
        if let Ok(mut guard) = self.community.write() {
            *guard = None;
        }
    }

    /// Has setup run? Checks the database until it has, then remembers.
    pub async fn is_set_up(&self) -> bool {
        if self.set_up.load(Ordering::Relaxed) {
            return true;
        }
        let now = matches!(self.store().community().await, Ok(Some(_)));
        if now {
            self.set_up.store(true, Ordering::Relaxed);
        }
        now
    }
}

/// Opens the configured database (creating the data directory for SQLite) and migrates it.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    if config.uses_sqlite() && config.database_url.is_empty() {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create data directory {}: {e}",
                config.data_dir.display()
            )
        })?;
    }
    let url = config.effective_database_url();
    Store::open(&url).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot open database {}: {e}",
            crate::config::redact_url(&url)
        )
    })
}

/// Serves Hearth on `listener` until `shutdown` completes, with the job worker alongside.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(crate::jobs::run_worker(state.hearth.clone(), stop_rx));
    let app = web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    Ok(())
}
