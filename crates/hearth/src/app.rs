//! The application: state built from the configuration, and `serve(listener, shutdown)`.

use crate::config::Config;
use crate::services::Hearth;
use crate::web;
use crate::web::templates::Templates;
use hearth_store::Store;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::net::TcpListener;

/// Everything a request handler may use. Passed explicitly; there is no global state.
#[derive(Clone)]
pub struct AppState {
    pub hearth: Hearth,
    pub templates: Arc<Templates>,
    /// Becomes true once the community exists, and never goes back.
    set_up: Arc<AtomicBool>,
}

impl AppState {
    pub async fn new(config: Config) -> anyhow::Result<AppState> {
        let store = open_store(&config).await?;
        let set_up = store.community().await?.is_some();
        Ok(AppState {
            hearth: Hearth {
                store,
                config: Arc::new(config),
            },
            templates: Arc::new(Templates::new()?),
            set_up: Arc::new(AtomicBool::new(set_up)),
        })
    }

    pub fn store(&self) -> &Store {
        &self.hearth.store
    }

    pub fn config(&self) -> &Config {
        &self.hearth.config
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
