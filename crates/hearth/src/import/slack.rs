//! `hearth import slack FILE.zip` (or the folder it unpacks to, as slackdump writes it): a
//! Slack workspace export. The zip holds `users.json`
//! (`[{"id", "name", "real_name", "is_bot", "profile": {"email", "display_name",
//! "real_name"}}]`), `channels.json` (`[{"id", "name"}]`) and, per channel, a folder of
//! days (`general/2024-03-05.json`), each an array of messages: `{"type": "message",
//! "subtype"?, "user", "text", "ts", "thread_ts"?, "parent_user_id"?, "edited"?,
//! "reactions"?: [{"name", "users", "count"}]}`.
//!
//! Every entry's path and size are checked before anything is read (no `..`, no absolute
//! paths, no entry that inflates past its limits). A thread reply is a `message_replied`
//! pointing at the thread's author; an edited message is still one message; reactions
//! are one `reaction_added` per user. Channel joins, topics and bot posts are skipped with
//! their reason.

use super::sources::{check_zip, read_entry};
use super::{Activity, ImportError, Out, Person, Record, Source, Who, bad};
use hearth_core::activity::{MESSAGE_REPLIED, MESSAGE_SENT, REACTION_ADDED};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
struct Profile {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    real_name: Option<String>,
}

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    is_bot: bool,
    #[serde(default)]
    profile: Profile,
}

#[derive(Deserialize)]
struct Channel {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct Reaction {
    name: String,
    #[serde(default)]
    users: Vec<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    user: Option<String>,
    ts: String,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    parent_user_id: Option<String>,
    #[serde(default)]
    edited: Option<serde_json::Value>,
    #[serde(default)]
    reactions: Vec<Reaction>,
}

/// Subtypes that are someone writing; everything else is the workspace talking.
const WRITTEN: &[&str] = &["thread_broadcast", "file_share", "me_message"];

/// Slack's `ts` (`1512085950.000216`, seconds and microseconds) in milliseconds.
pub fn ts_millis(ts: &str) -> Option<i64> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, "0"));
    if secs.is_empty()
        || !secs.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let ms: i64 = format!("{:0<3}", &frac[..frac.len().min(3)]).parse().ok()?;
    Some(secs.parse::<i64>().ok()?.checked_mul(1000)? + ms)
}

/// A Slack export as a zip, or unpacked into a folder (what slackdump and an unzipped
/// export look like). Both are read through the same limits: entry count, entry size,
/// and paths that stay inside the export.
enum Export {
    Zip(zip::ZipArchive<super::Counting<std::io::BufReader<std::fs::File>>>),
    Dir(std::path::PathBuf),
}

impl Export {
    /// Opens the export and lists its files as relative `/`-separated paths.
    fn open(source: &Source) -> Result<(Export, Vec<String>), ImportError> {
        if source.path.is_dir() {
            let mut names = Vec::new();
            list_dir(&source.path, "", &mut names)?;
            names.sort();
            return Ok((Export::Dir(source.path.clone()), names));
        }
        let file = source.open()?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| {
            bad(
                None,
                None,
                format!(
                    "not a zip file ({e}); a Slack export is the .zip Slack sends, or the folder it unpacks to"
                ),
            )
        })?;
        let names = check_zip(&mut zip)?;
        Ok((Export::Zip(zip), names))
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        match self {
            Export::Zip(zip) => read_entry(zip, name),
            Export::Dir(root) => {
                let path = root.join(name);
                let len = std::fs::metadata(&path)
                    .map_err(|e| bad(None, Some(name), format!("cannot read this file: {e}")))?
                    .len();
                if len > super::sources::ZIP_MAX_ENTRY {
                    return Err(bad(
                        None,
                        Some(name),
                        format!("this file is {len} bytes, more than a Slack day file can be"),
                    ));
                }
                std::fs::read(&path)
                    .map_err(|e| bad(None, Some(name), format!("cannot read this file: {e}")))
            }
        }
    }
}

/// Every regular file under `dir` (symbolic links are not followed, so nothing outside the
/// folder is read), as paths relative to the export, up to the zip's entry limit.
fn list_dir(
    dir: &std::path::Path,
    prefix: &str,
    names: &mut Vec<String>,
) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| bad(None, Some(prefix), format!("cannot list this folder: {e}")))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| bad(None, Some(prefix), format!("cannot list this folder: {e}")))?;
        let kind = entry
            .file_type()
            .map_err(|e| bad(None, Some(prefix), format!("cannot list this folder: {e}")))?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if kind.is_dir() {
            list_dir(&entry.path(), &format!("{name}/"), names)?;
        } else if kind.is_file() {
            names.push(name);
        }
        if names.len() > super::sources::ZIP_MAX_ENTRIES {
            return Err(bad(
                None,
                None,
                format!(
                    "the export holds more than {} files",
                    super::sources::ZIP_MAX_ENTRIES
                ),
            ));
        }
    }
    Ok(())
}

pub fn parse(source: &Source, out: &Out) -> Result<(), ImportError> {
    let (mut export, names) = Export::open(source)?;
    let in_zip = |entry: &str, e: ImportError| ImportError {
        file: format!("{}/{entry}", source.file_name),
        ..e
    };
    for required in ["users.json", "channels.json"] {
        if !names.iter().any(|n| n == required) {
            return Err(bad(
                None,
                Some(required),
                format!("the export has no {required}: is it a Slack workspace export?"),
            ));
        }
    }
    let users: Vec<User> =
        json(&export.read("users.json")?).map_err(|e| in_zip("users.json", e))?;
    let channels: Vec<Channel> =
        json(&export.read("channels.json")?).map_err(|e| in_zip("channels.json", e))?;
    let people: HashMap<String, (Person, bool)> = users
        .into_iter()
        .map(|u| {
            let name = u
                .profile
                .real_name
                .clone()
                .filter(|n| !n.is_empty())
                .or(u.real_name.clone())
                .or(u.profile.display_name.clone())
                .unwrap_or_default();
            let email = u
                .profile
                .email
                .as_deref()
                .and_then(super::tabular::email)
                .unwrap_or_default();
            let p = Person {
                channel: "slack".into(),
                external_id: u.id.clone(),
                email,
                handle: u.name.clone(),
                name,
            };
            (u.id, (p, u.is_bot))
        })
        .collect();
    let unknown = |id: &str| Person {
        channel: "slack".into(),
        external_id: id.to_string(),
        ..Person::default()
    };
    for channel in &channels {
        let prefix = format!("{}/", channel.name);
        let mut days: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with(&prefix) && n.ends_with(".json"))
            .collect();
        days.sort();
        // Thread parents' authors, by ts, within the channel.
        let mut threads: HashMap<String, String> = HashMap::new();
        for day in days {
            let messages: Vec<Message> = json(&export.read(day)?).map_err(|e| in_zip(day, e))?;
            for (i, m) in messages.into_iter().enumerate() {
                let line = i as u64 + 1;
                out.row()?;
                if let Some(sub) = m.subtype.as_deref()
                    && !WRITTEN.contains(&sub)
                {
                    out.skip(
                        line,
                        format!("{day}: message {} is a workspace message ({sub})", m.ts),
                    )?;
                    continue;
                }
                let Some(user) = m.user.as_deref() else {
                    out.skip(line, format!("{day}: message {} has no author", m.ts))?;
                    continue;
                };
                let (author, is_bot) = people
                    .get(user)
                    .cloned()
                    .unwrap_or_else(|| (unknown(user), false));
                if is_bot {
                    out.skip(
                        line,
                        format!("{day}: message {} was written by a bot", m.ts),
                    )?;
                    continue;
                }
                let occurred_at = ts_millis(&m.ts).ok_or_else(|| {
                    in_zip(
                        day,
                        bad(
                            Some(line),
                            Some("ts"),
                            format!("{:?} is not a Slack timestamp like 1512085950.000216", m.ts),
                        ),
                    )
                })?;
                let reply_to = match m.thread_ts.as_deref() {
                    Some(parent) if parent != m.ts => m
                        .parent_user_id
                        .clone()
                        .or_else(|| threads.get(parent).cloned()),
                    _ => None,
                };
                if m.thread_ts.as_deref() == Some(m.ts.as_str()) || m.thread_ts.is_none() {
                    threads.insert(m.ts.clone(), user.to_string());
                }
                let target = reply_to.filter(|p| p != user).map(|p| {
                    people
                        .get(&p)
                        .map(|(x, _)| x.clone())
                        .unwrap_or_else(|| unknown(&p))
                });
                let properties = serde_json::json!({
                    "channel": channel.name,
                    "ts": m.ts,
                    "thread_ts": m.thread_ts,
                    "edited": m.edited.is_some(),
                })
                .to_string();
                out.send(Record::Activity(Activity {
                    line,
                    who: Who::Seen(author.clone()),
                    kind: if m.thread_ts.as_deref().is_some_and(|t| t != m.ts) {
                        MESSAGE_REPLIED
                    } else {
                        MESSAGE_SENT
                    }
                    .to_string(),
                    channel: "slack".into(),
                    target: target.map(Who::Seen),
                    weight: 1,
                    properties: Some(properties),
                    key: format!("slack:msg:{}:{}", channel.id, m.ts),
                    occurred_at,
                }))?;
                for r in &m.reactions {
                    for u in &r.users {
                        let (reactor, bot) = people
                            .get(u)
                            .cloned()
                            .unwrap_or_else(|| (unknown(u), false));
                        if bot {
                            continue;
                        }
                        out.send(Record::Activity(Activity {
                            line,
                            who: Who::Seen(reactor),
                            kind: REACTION_ADDED.to_string(),
                            channel: "slack".into(),
                            target: Some(Who::Seen(author.clone())),
                            weight: 1,
                            properties: Some(serde_json::json!({"emoji": r.name, "channel": channel.name, "ts": m.ts}).to_string()),
                            key: format!("slack:reaction:{}:{}:{}:{u}", channel.id, m.ts, r.name),
                            occurred_at,
                        }))?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ImportError> {
    serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            bad(
                Some(e.line() as u64),
                None,
                "the JSON ends early (the file was cut off)",
            )
        } else {
            bad(
                Some(e.line() as u64),
                None,
                format!("not the JSON Slack exports: {e}"),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn slack_timestamps() {
        assert_eq!(
            super::ts_millis("1512085950.000216"),
            Some(1_512_085_950_000)
        );
        assert_eq!(super::ts_millis("1512085950.123"), Some(1_512_085_950_123));
        assert_eq!(super::ts_millis("1512085950"), Some(1_512_085_950_000));
        assert_eq!(super::ts_millis("yesterday"), None);
    }
}
