//! The command line: `hearth serve`, `setup`, `member add`, `token create`, `demo`,
//! `backup` and `config default`. Every subcommand accepts `--data-dir`, `--database-url`
//! and `--config`, before or after its own arguments.

use crate::app::{AppState, open_store, serve};
use crate::config::{Config, Overrides};
use crate::services::{Actor, Hearth, accounts};
use clap::{Args, Parser, Subcommand};
use hearth_core::values::Role;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: the community hub a small business runs itself"
)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Debug, Clone)]
struct GlobalArgs {
    /// Directory for the SQLite database and hearth.toml [env: HEARTH_DATA_DIR] [default: ./hearth-data]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// postgres://user:pass@host/db to use PostgreSQL instead of SQLite [env: HEARTH_DATABASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    /// Configuration file [env: HEARTH_CONFIG] [default: DATA_DIR/hearth.toml if present]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the community over HTTP (the default)
    Serve {
        /// Address to listen on [env: HEARTH_LISTEN] [default: 127.0.0.1:8080]
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Create the community and its owner (once)
    Setup {
        #[arg(long, value_name = "NAME")]
        community_name: String,
        #[arg(long, value_name = "EMAIL")]
        owner_email: String,
        #[arg(long, value_name = "HANDLE")]
        owner_handle: String,
        /// File holding the owner's password (first line)
        #[arg(long, value_name = "FILE")]
        owner_password_file: PathBuf,
    },
    /// Manage members
    Member {
        #[command(subcommand)]
        action: MemberCommand,
    },
    /// Manage API tokens
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    /// The activity stream's readers: where each stands, and starting one over
    Stream {
        #[command(subcommand)]
        action: StreamCommand,
    },
    /// The points ledger: check every entry's hash, the chain and every balance
    Ledger {
        #[command(subcommand)]
        action: LedgerCommand,
    },
    /// The community's numbers: what Insights shows, for cron and scripts
    Insights {
        #[command(subcommand)]
        action: InsightsCommand,
    },
    /// Fill an empty database with a generated community
    Demo {
        /// Random seed: the same seed gives the same community
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of members
        #[arg(long, default_value_t = 200)]
        members: usize,
        /// Months of history
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Last day of history (YYYY-MM-DD, UTC); today by default
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// Import a file from another channel in one transaction (re-importing changes nothing).
    /// KIND: members, activities, shopify-orders, shopify-customers, stripe-customers,
    /// stripe-payments, mailchimp, discord, slack
    Import {
        #[arg(value_name = "KIND")]
        kind: String,
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print the summary as JSON on stdout
        #[arg(long)]
        json: bool,
    },
    /// Copy the SQLite database to FILE while Hearth runs
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Configuration helpers
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
}

#[derive(Subcommand, Debug)]
enum MemberCommand {
    /// Add a member
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        handle: String,
        #[arg(long, default_value = "member", value_parser = ["guest", "member", "approver", "moderator", "admin"])]
        role: String,
        /// A group to put the member in (its slug; repeat for more). Groups must exist.
        #[arg(long = "group", value_name = "SLUG")]
        groups: Vec<String>,
        /// Display name (the handle by default)
        #[arg(long)]
        name: Option<String>,
        /// File holding the password (first line); without it the member cannot sign in yet
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Create an API token for a member; prints the token, alone, once
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Days until the token stops working (1 to 3650); without it, it works until
        /// revoked
        #[arg(long, value_name = "DAYS")]
        expires_days: Option<i64>,
        /// What the token may do: read, write, moderate, admin, ingest, separated by
        /// commas. Without it, the token has the member's full rights
        #[arg(long, value_name = "SCOPES")]
        scope: Option<String>,
        /// Requests a minute the token may make (1 to 100000); default 6000
        #[arg(long, value_name = "PER_MINUTE")]
        rate: Option<i64>,
    },
    /// List a member's API tokens (id, name, created, last used, expiry; never the secret)
    List {
        #[arg(long)]
        email: String,
    },
    /// Revoke an API token by its id (from `token list`); it stops working at once
    Revoke { id: i64 },
}

#[derive(Subcommand, Debug)]
enum StreamCommand {
    /// List each reader: activities read, how many it is behind, when it last moved
    List,
    /// Start a reader over: it reads the whole activity log again (the running server
    /// picks this up within a second)
    Reset { name: String },
}

#[derive(Subcommand, Debug)]
enum LedgerCommand {
    /// Recompute every entry's hash, the chain and every member's balance; exits 1 and
    /// names the first entry that does not match (docs/POINTS.md says how)
    Verify,
}

#[derive(Subcommand, Debug)]
enum InsightsCommand {
    /// This period against the one before: members, active and new members, questions
    /// answered, median first response (the last 30 days unless told)
    Summary {
        /// First day, YYYY-MM-DD (inclusive)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (inclusive; default today)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this channel (hub, discord, slack, shop, …)
        #[arg(long)]
        channel: Option<String>,
        /// Only members matching this condition (the segment language)
        #[arg(long)]
        segment: Option<String>,
        /// Count days on this IANA time zone instead of the community's
        #[arg(long)]
        tz: Option<String>,
        /// Print JSON (the API's shape) instead of a table
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ConfigCommand {
    /// Print the documented example hearth.toml
    Default,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn read_secret_file(path: &PathBuf) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

fn init_logging(level: &str, serving: bool) {
    use tracing_subscriber::filter::LevelFilter;
    let level = if serving {
        level.parse().unwrap_or(LevelFilter::INFO)
    } else {
        LevelFilter::WARN
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let listen = match &cli.command {
        Some(Command::Serve { listen }) => listen.clone(),
        _ => None,
    };
    if let Some(Command::Config {
        action: ConfigCommand::Default,
    }) = &cli.command
    {
        print!("{}", crate::config::EXAMPLE);
        return Ok(());
    }
    let overrides = Overrides {
        config_file: cli.global.config.clone(),
        data_dir: cli.global.data_dir.clone(),
        database_url: cli.global.database_url.clone(),
        listen,
    };
    let env: std::collections::HashMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("HEARTH_"))
        .collect();
    let config = Config::load(&overrides, &env)?;
    let serving = matches!(cli.command, None | Some(Command::Serve { .. }));
    init_logging(&config.log, serving);
    match cli.command {
        None | Some(Command::Serve { .. }) => run_server(config).await,
        Some(Command::Setup {
            community_name,
            owner_email,
            owner_handle,
            owner_password_file,
        }) => {
            let h = hearth(config).await?;
            let password = read_secret_file(&owner_password_file)?;
            let input = accounts::SetupInput {
                community_name: &community_name,
                email: &owner_email,
                handle: &owner_handle,
                password: &password,
            };
            let owner = accounts::setup(&h, &input).await?;
            eprintln!(
                "Set up \"{community_name}\" with owner @{} (member {}).",
                owner.handle, owner.id
            );
            Ok(())
        }
        Some(Command::Member {
            action:
                MemberCommand::Add {
                    email,
                    handle,
                    role,
                    groups,
                    name,
                    password_file,
                },
        }) => {
            let h = hearth(config).await?;
            let password = password_file.as_ref().map(read_secret_file).transpose()?;
            let group_ids = crate::services::groups::resolve(&h, &groups).await?;
            let input = accounts::NewAccount {
                email: &email,
                handle: &handle,
                display_name: name.as_deref(),
                password: password.as_deref(),
                role: Role::parse(&role)?,
                invite: None,
                accept_guidelines: false,
                groups: &group_ids,
            };
            let m = accounts::add_member(&h, &Actor::Operator, &input).await?;
            let in_groups = if groups.is_empty() {
                String::new()
            } else {
                format!(" in {}", groups.join(", "))
            };
            eprintln!(
                "Added @{} ({}) as {}{in_groups} (member {}).",
                m.handle,
                m.email,
                m.role.as_str(),
                m.id
            );
            Ok(())
        }
        Some(Command::Token {
            action:
                TokenCommand::Create {
                    email,
                    name,
                    expires_days,
                    scope,
                    rate,
                },
        }) => {
            let h = hearth(config).await?;
            let terms = accounts::TokenTerms {
                name: &name,
                days: expires_days,
                scopes: scope.as_deref(),
                rate_per_minute: rate,
            };
            let token = accounts::create_token(&h, &email, &terms).await?;
            println!("{token}");
            Ok(())
        }
        Some(Command::Token {
            action: TokenCommand::List { email },
        }) => {
            let h = hearth(config).await?;
            let tokens = accounts::tokens_by_email(&h, &Actor::Operator, &email).await?;
            if tokens.is_empty() {
                eprintln!("{email} has no API tokens.");
            }
            println!("id\tname\tcreated\tlast used\texpires\tscopes\trate a minute");
            for t in tokens {
                let day =
                    |at: Option<i64>| at.map_or_else(|| "-".to_string(), crate::render::rfc3339);
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    t.id,
                    t.name,
                    day(Some(t.created_at)),
                    day(t.last_used_at),
                    day(t.expires_at),
                    t.scopes.as_deref().unwrap_or("all"),
                    t.rate_per_minute.unwrap_or(accounts::TOKEN_DEFAULT_RATE)
                );
            }
            Ok(())
        }
        Some(Command::Token {
            action: TokenCommand::Revoke { id },
        }) => {
            let h = hearth(config).await?;
            accounts::revoke_token(&h, &Actor::Operator, id).await?;
            eprintln!("Revoked token {id}; it no longer works.");
            Ok(())
        }
        Some(Command::Insights {
            action:
                InsightsCommand::Summary {
                    from,
                    to,
                    channel,
                    segment,
                    tz,
                    json,
                },
        }) => {
            let h = hearth(config).await?;
            let zone = crate::insights::community_zone(&h.store).await?;
            eprintln!("Counting the activity log on {} time...", zone.name());
            let rows = h.insights.rebuild(&h.store, zone).await?;
            eprintln!("{rows} activities counted.");
            let q = crate::services::insights::Query {
                from,
                to,
                channel,
                segment,
                tz,
                ..Default::default()
            };
            let asked = crate::services::insights::ask(&h, &Actor::Operator, &q).await?;
            let s = crate::services::insights::summary(&h, &asked).await?;
            let day = crate::services::insights::day;
            if json {
                let mut out = s.to_json();
                out["tz"] = serde_json::json!(asked.zone.name());
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!(
                    "{} to {} ({}), against {} to {}",
                    day(s.from),
                    day(s.to),
                    asked.zone.name(),
                    day(s.previous.0),
                    day(s.previous.1)
                );
                println!("measure\tnow\tbefore");
                for (name, p) in [
                    ("members", s.members),
                    ("active members", s.active),
                    ("new members", s.new_members),
                    ("questions asked", s.questions),
                    ("questions answered", s.answered),
                ] {
                    println!("{name}\t{}\t{}", p.now, p.before);
                }
                let show = |ms: Option<i64>| {
                    ms.map_or_else(
                        || "-".to_string(),
                        |ms| format!("{:.1} h", ms as f64 / 3_600_000.0),
                    )
                };
                println!(
                    "median first response\t{}\t{}",
                    show(s.median_first_response_ms.now),
                    show(s.median_first_response_ms.before)
                );
            }
            Ok(())
        }
        Some(Command::Stream { action }) => {
            let h = hearth(config).await?;
            crate::stream::register(&h.store).await?;
            if let StreamCommand::Reset { name } = &action {
                crate::services::operations::reset_consumer(&h, &Actor::Operator, name).await?;
                eprintln!("{name} starts over from the first activity.");
            }
            let o = crate::services::operations::overview(&h, &Actor::Operator).await?;
            println!("reader\tread\tbehind\tat activity\tlast moved");
            for c in o.consumers {
                let at_least = if c.behind >= hearth_store::stream::LAG_COUNT_CAP {
                    ">="
                } else {
                    ""
                };
                println!(
                    "{}\t{}\t{at_least}{}\t{}\t{}",
                    c.name,
                    c.handled,
                    c.behind,
                    c.cursor_id,
                    crate::render::rfc3339(c.updated_at)
                );
            }
            Ok(())
        }
        Some(Command::Ledger {
            action: LedgerCommand::Verify,
        }) => {
            let h = hearth(config).await?;
            eprintln!("Checking the points ledger…");
            let v = crate::services::points::verify(&h, &Actor::Operator).await?;
            match v.first_bad {
                None => {
                    println!(
                        "The ledger verifies: {} entries, every balance matches. Last hash: {}",
                        v.entries, v.head_hash
                    );
                    Ok(())
                }
                Some((id, problem)) => {
                    println!(
                        "The ledger does not verify: entry #{id} does not match ({}). {} entries checked.",
                        problem.as_str(),
                        v.entries
                    );
                    std::process::exit(1);
                }
            }
        }
        Some(Command::Demo {
            seed,
            members,
            months,
            until,
        }) => {
            let h = hearth(config).await?;
            crate::demo::run(
                &h,
                &crate::demo::DemoOptions {
                    seed,
                    members,
                    months,
                    until,
                },
            )
            .await
        }
        Some(Command::Import { kind, file, json }) => {
            let kind = crate::import::Kind::parse(&kind)?;
            let h = hearth(config).await?;
            let source = crate::import::Source::new(&file);
            let bar = progress_bar(source.progress.clone());
            let result =
                crate::services::people::import_file(&h, &Actor::Operator, kind, &source).await;
            bar.abort();
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprint!("\r\x1b[2K");
            }
            let summary = result.map_err(|e| anyhow::anyhow!("{e}"))?;
            if json {
                println!("{}", crate::import::summary_json(&summary));
            }
            let c = &summary.counts;
            eprintln!(
                "Imported {}: {} rows read, {} members created, {} matched, {} activities created, {} rows skipped (import {}).",
                source.file_name,
                c.rows_read,
                c.members_created,
                c.members_matched,
                c.activities_created,
                c.skipped.len(),
                summary.import_id
            );
            for (line, reason) in c.skipped.iter().take(10) {
                eprintln!("  skipped line {line}: {reason}");
            }
            Ok(())
        }
        Some(Command::Backup { to }) => {
            let h = hearth(config).await?;
            if to.exists() {
                anyhow::bail!("{} already exists; choose a new file", to.display());
            }
            h.store.backup_sqlite(&to).await?;
            eprintln!("Backed up to {}.", to.display());
            Ok(())
        }
        Some(Command::Config { .. }) => Ok(()),
    }
}

async fn hearth(config: Config) -> anyhow::Result<Hearth> {
    let store = open_store(&config).await?;
    Hearth::new(store, config)
}

async fn run_server(config: Config) -> anyhow::Result<()> {
    let listen = config.listen.clone();
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    let state = AppState::new(config).await?;
    let addr = listener.local_addr()?;
    tracing::info!(database = %crate::config::redact_url(&state.config().effective_database_url()), "Hearth is listening on http://{addr}");
    if !state.is_set_up().await {
        tracing::info!("first run: open http://{addr}/setup to create your community");
    }
    serve(listener, state, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Draws a progress bar on stderr (when it is a terminal) until aborted.
fn progress_bar(progress: std::sync::Arc<crate::import::Progress>) -> tokio::task::JoinHandle<()> {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        let mut last_line = 0;
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            let pct = progress.percent();
            let rows = progress.rows.load(std::sync::atomic::Ordering::Relaxed);
            let rate = rows as f64 / started.elapsed().as_secs_f64().max(0.001);
            let filled = (pct / 5) as usize;
            let line = format!(
                "[{}{}] {pct:>3}%  {rows} rows  {rate:.0} rows/s",
                "#".repeat(filled),
                "-".repeat(20 - filled)
            );
            if tty {
                eprint!("\r\x1b[2K{line}");
            } else if started.elapsed().as_secs() >= last_line + 5 {
                last_line = started.elapsed().as_secs();
                eprintln!("{line}");
            }
        }
    })
}
