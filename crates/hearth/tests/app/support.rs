//! `spawn_app`: a fresh database, a server on port 0, and an HTTP client with cookies.

use hearth::app::AppState;
use hearth::config::Config;
use hearth_store::test_support::{self, FreshDatabase};
use reqwest::{Client, StatusCode, redirect};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::sync::oneshot;

pub const PASSWORD: &str = "correct-horse-battery";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    /// A client that keeps cookies and does not follow redirects.
    pub client: Client,
    _data_dir: tempfile::TempDir,
    /// The database, owned by the first node (a second node on it owns none).
    _db: Option<FreshDatabase>,
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Starts Hearth with `tweak` applied to its configuration. `None` when the backend is
/// PostgreSQL and there is no test server (outside CI).
pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let db = match backend {
        Backend::Sqlite => test_support::sqlite(),
        Backend::Postgres => test_support::postgres().await?,
    };
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        data_dir: data_dir.path().to_path_buf(),
        database_url: db.url.clone(),
        argon2_memory_kib: 64,
        // Not on a Monday's run of every test: the report's own test asks for it.
        weekly_report: false,
        ..Config::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    config.public_url = format!("http://{addr}");
    tweak(&mut config);
    let state = AppState::new(config).await.expect("app state");
    let (stop, stopped) = oneshot::channel::<()>();
    let server_state = state.clone();
    let server = tokio::spawn(async move {
        hearth::serve(listener, server_state, async {
            let _ = stopped.await;
        })
        .await
        .expect("server");
    });
    Some(TestApp {
        base: format!("http://{addr}"),
        state,
        client: client(),
        _data_dir: data_dir,
        database_url: db.url.clone(),
        _db: Some(db),
        stop: Some(stop),
        server: Some(server),
    })
}

impl TestApp {
    /// A second node: another Hearth server on the same database, as a deployment with two
    /// nodes behind a load balancer runs.
    pub async fn another_node(&self) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let config = Config {
            data_dir: data_dir.path().to_path_buf(),
            database_url: self.database_url.clone(),
            argon2_memory_kib: 64,
            public_url: format!("http://{addr}"),
            ..Config::default()
        };
        let state = AppState::new(config).await.expect("app state");
        let (stop, stopped) = oneshot::channel::<()>();
        let server_state = state.clone();
        let server = tokio::spawn(async move {
            hearth::serve(listener, server_state, async {
                let _ = stopped.await;
            })
            .await
            .expect("server");
        });
        TestApp {
            base: format!("http://{addr}"),
            state,
            client: client(),
            _data_dir: data_dir,
            _db: None,
            database_url: self.database_url.clone(),
            stop: Some(stop),
            server: Some(server),
        }
    }
}

pub async fn spawn(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| {}).await
}

/// Runs a test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::support::spawn($crate::support::Backend::Sqlite).await { super::$name(app).await }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::support::spawn($crate::support::Backend::Postgres).await { super::$name(app).await }
            }
        }
    )*};
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Posts a form as a browser would (same-origin).
    pub async fn post_form(
        &self,
        client: &Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("Origin", &self.base)
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Sets up the community through the page; leaves `self.client` signed in as the owner.
    pub async fn setup(&self) {
        let r = self
            .post_form(
                &self.client,
                "/setup",
                &[
                    ("community_name", "Riverside Bakery"),
                    ("email", "owner@example.com"),
                    ("handle", "owner"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "setup: {}",
            r.text().await.unwrap_or_default()
        );
    }

    /// Signs up a member with a new client; returns the signed-in client.
    pub async fn member_client(&self, handle: &str) -> Client {
        let c = client();
        let email = format!("{handle}@example.com");
        let r = self
            .post_form(
                &c,
                "/signup",
                &[
                    ("email", &email),
                    ("handle", handle),
                    ("display_name", handle),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "signup {handle}: {}",
            r.text().await.unwrap_or_default()
        );
        c
    }

    /// An API token for the member with `email`.
    pub async fn token(&self, email: &str) -> String {
        self.scoped_token(email, None).await
    }

    /// An API token for the member with `email` holding only `scopes` (`read,write`), or
    /// the member's full rights for `None`.
    pub async fn scoped_token(&self, email: &str, scopes: Option<&str>) -> String {
        let terms = hearth::services::accounts::TokenTerms {
            name: "tests",
            scopes,
            ..Default::default()
        };
        hearth::services::accounts::create_token(&self.state.hearth, email, &terms)
            .await
            .expect("token")
    }

    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client_without_cookies()
            .request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("api request");
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| json!({ "raw": text }))
        };
        (status, value)
    }

    pub fn client_without_cookies(&self) -> Client {
        Client::builder()
            .redirect(redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client")
    }

    /// Creates a space through the API as the owner.
    pub async fn space(&self, owner_token: &str, slug: &str, visibility: &str) -> Value {
        let (s, v) = self
            .api(reqwest::Method::POST, "/api/v1/spaces", Some(owner_token), Some(json!({ "name": format!("Space {slug}"), "slug": slug, "visibility": visibility })))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v
    }

    /// Narrows the kinds of topic space `slug` takes (a new space takes every kind).
    pub async fn set_kinds(&self, slug: &str, kinds: &[hearth_core::values::TopicKind]) {
        let store = self.state.store();
        let space = store.space_by_slug(slug).await.unwrap().unwrap();
        store.set_space_kinds(space.id, kinds).await.unwrap();
    }

    /// Waits (bounded) for the job worker to write `n` notifications for `token`'s member.
    pub async fn wait_for_notifications(&self, token: &str, n: usize) -> Value {
        for _ in 0..100 {
            let (_, page) = self
                .api(
                    reqwest::Method::GET,
                    "/api/v1/notifications",
                    Some(token),
                    None,
                )
                .await;
            if page["items"].as_array().map(Vec::len).unwrap_or(0) >= n {
                return page;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the job worker did not write {n} notifications in 10 s");
    }

    /// Waits (bounded) until no job is waiting.
    pub async fn wait_for_jobs(&self) {
        for _ in 0..200 {
            let (waiting, _, _) = self.state.store().job_counts().await.expect("job counts");
            if waiting == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("jobs still waiting after 10 s");
    }

    pub async fn totals(&self) -> (i64, i64, i64) {
        self.state.store().totals().await.expect("totals")
    }
}

/// Sends a POST that announces `content_length` bytes, writes none of them, and reads the
/// answer: a server must refuse a huge body from its announced length alone. (With a real
/// client sending 10 MB the refusal races the upload and may surface as a broken pipe.)
pub async fn announce_huge_post(
    app: &TestApp,
    path: &str,
    content_type: &str,
    extra_headers: &str,
    content_length: usize,
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nContent-Length: {content_length}\r\n{extra_headers}Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("write head");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Runs a Python `script` with the interpreter that has the PyPI references
/// (`HEARTH_TEST_PYTHON`, the venv `.ci/run` makes; else `python3`) and parses the JSON it
/// prints. `None` outside CI when `module` is not installed; a failure otherwise panics.
pub fn reference_python_json(script: &str, module: &str, input: &str) -> Option<Value> {
    let python = std::env::var("HEARTH_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    run_python(&python, script, module, input)
}

/// Runs a Python `script` (Debian's `/usr/bin/python3`, where the `python3-*` packages
/// live, else `python3`) with `input` on stdin and parses the JSON it prints. `None`
/// outside CI when `module` is not installed; a failure otherwise panics with its stderr.
pub fn python_json(script: &str, module: &str, input: &str) -> Option<Value> {
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    run_python(python, script, module, input)
}

fn run_python(python: &str, script: &str, module: &str, input: &str) -> Option<Value> {
    use std::io::Write;
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains(&format!("No module named '{module}'")) && std::env::var("CI").is_err() {
            eprintln!("{module} is not installed: skipping the {module} check");
            return None;
        }
        panic!("{module} failed: {err}\n{input}");
    }
    Some(serde_json::from_slice(&out.stdout).unwrap())
}
