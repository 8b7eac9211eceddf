//! The floor for HTTP benchmarks: a minimal axum server that returns a fixed small HTML
//! page, built with the same dependencies and profile as Hearth. `bench/http.sh` measures
//! it in the same run as Hearth and reports Hearth's figures as ratios to it.

use axum::Router;
use axum::response::Html;
use axum::routing::get;

const PAGE: &str = "<!doctype html><html><head><title>Hello</title></head><body><h1>Hello, world</h1></body></html>";

fn main() -> std::io::Result<()> {
    let listen = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18081".into());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let app = Router::new().route("/", get(|| async { Html(PAGE) }));
        let listener = tokio::net::TcpListener::bind(&listen).await?;
        axum::serve(listener, app).await
    })
}
