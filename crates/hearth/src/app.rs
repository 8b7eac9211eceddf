//! The application: state built from the configuration, and `serve(listener, shutdown)`.

use crate::config::Config;
use crate::render::Templates;
use crate::services::Hearth;
use crate::web;
use crate::web::cache::PageCache;
use hearth_core::model::Community;
use hearth_store::Store;
use std::future::Future;
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
    /// Each API token's requests this minute, for its rate limit.
    pub token_rates: Arc<crate::web::api_auth::TokenRates>,
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
            token_rates: Arc::default(),
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

/// How long a write may make no progress before the connection is dropped (a client that
/// stopped reading).
const WRITE_STALL: Duration = Duration::from_secs(30);

/// Serves `state` on `listener` until `shutdown` completes, with the job worker beside it.
///
/// The accept loop is Hearth's own (hyper's HTTP/1 connections, as axum builds them) so
/// that an exposed server bounds what a client can hold: at most `limits.max_connections`
/// connections at once (the next waits in the kernel's backlog), and a request's headers
/// must arrive within `limits.header_read_timeout_secs`, so a slowloris client's
/// half-sent requests are dropped instead of piling up; at most
/// `limits.max_connections_per_client` from one address (an IPv6 /64; trusted proxies
/// excepted), and a write that makes no progress for 30 seconds ends its connection
/// (`connections`). The request timeout is a layer (`web::request_deadline`).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let config = state.config().clone();
    let metrics = match config.metrics_listen.trim() {
        "" => None,
        addr => {
            let listener = TcpListener::bind(addr).await.map_err(|e| {
                anyhow::anyhow!("setting metrics_listen: cannot listen on {addr}: {e}")
            })?;
            tracing::info!(address = %listener.local_addr()?, "metrics at /metrics");
            Some(tokio::spawn(serve_metrics(
                listener,
                state.hearth.clone(),
                stop_rx.clone(),
            )))
        }
    };
    let worker = tokio::spawn(crate::jobs::run_worker(state.hearth.clone(), stop_rx));
    let limits = config.limits.clone();
    let per_client = Arc::new(crate::connections::PerClient::default());
    let header_timeout = Duration::from_secs(limits.header_read_timeout_secs.max(1));
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let app = web::router(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => permit?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most often: wait a moment rather than spin.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // One address may not take every slot (a proxy we trust speaks for many).
        let client_slot = if config.trusts_proxy(&peer.ip()) {
            None
        } else {
            match crate::connections::PerClient::take(
                &per_client,
                crate::connections::client_key(peer.ip()),
                limits.max_connections_per_client.max(1),
            ) {
                Some(slot) => Some(slot),
                None => continue, // dropping the stream closes it
            }
        };
        let _ = stream.set_nodelay(true);
        let stream = crate::connections::StallGuard::new(stream, WRITE_STALL);
        let service = app.clone().map_request(
            move |mut req: axum::extract::Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                req
            },
        );
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _slot = permit;
            let _client_slot = client_slot;
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    // Requests in flight finish (for at most 10 seconds); idle connections close.
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => {}
    }
    let _ = stop_tx.send(true);
    let _ = worker.await;
    if let Some(metrics) = metrics {
        let _ = metrics.await;
    }
    Ok(())
}

/// The metrics listener: `GET /metrics` in Prometheus' text format, nothing else, until
/// `stop`. It is a separate listener so the public one never serves it.
pub async fn serve_metrics(
    listener: TcpListener,
    hearth: crate::services::Hearth,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    use axum::response::IntoResponse;
    let app = axum::Router::new()
        .route(
            "/metrics",
            axum::routing::get(move || {
                let hearth = hearth.clone();
                async move {
                    match crate::metrics::render(&hearth).await {
                        Ok(text) => (
                            [(
                                axum::http::header::CONTENT_TYPE,
                                "text/plain; version=0.0.4; charset=utf-8",
                            )],
                            text,
                        )
                            .into_response(),
                        Err(e) => {
                            tracing::warn!(error = %e, "could not read the metrics");
                            (
                                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                                "metrics unavailable\n",
                            )
                                .into_response()
                        }
                    }
                }
            }),
        )
        .fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "only /metrics here\n") });
    let shutdown = async move {
        while !*stop.borrow() {
            if stop.changed().await.is_err() {
                return;
            }
        }
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        tracing::warn!(error = %e, "the metrics listener stopped");
    }
}
