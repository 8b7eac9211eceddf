//! Hearth's own generator of import files in the sources' real formats, for benchmarks
//! (`examples/import_bench.rs`) and load tests: activities as NDJSON, a Discord channel as
//! DiscordChatExporter writes it, and a Slack workspace export zip. Seeded and
//! deterministic; people are drawn from a Zipf distribution, as real communities are.

use hearth_core::rng::{Rng, Zipf};
use std::io::{BufWriter, Write};
use std::path::Path;

const START: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z
const NAMES: &[&str] = &[
    "Ana", "Ben", "Carla", "Dan", "Erin", "Fran", "Gus", "Hana", "Iker", "Jun", "Kim", "Lena",
    "Malik", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Vik", "Wen",
    "Yuki", "Zoë", "山田", "Олег", "Chidi",
];

fn rfc3339(secs: i64, millis: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| format!("{}.{millis:03}+00:00", t.strftime("%Y-%m-%dT%H:%M:%S")))
        .unwrap_or_default()
}

fn name(i: usize) -> String {
    format!("{} {}", NAMES[i % NAMES.len()], i)
}

/// `rows` activities as NDJSON (the `POST /api/v1/activities` items): a point of sale's
/// purchases and visits by `rows / 20` people, a third of them named by email.
pub fn activities_ndjson(path: &Path, rows: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let people = (rows / 20).max(10);
    let zipf = Zipf::new(people, 1.1);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    for i in 0..rows {
        let p = zipf.sample(&mut rng);
        let at = START + (i as i64 * 30) + rng.below(30) as i64;
        let member = if p.is_multiple_of(3) {
            format!("\"customer{p}@example.com\"")
        } else {
            format!("{{\"channel\": \"pos\", \"external_id\": \"c{p}\"}}")
        };
        let (kind, weight) = if rng.chance(0.7) {
            ("purchased", 100 + rng.below(5000) as i64)
        } else {
            ("custom:store_visit", 1)
        };
        writeln!(
            out,
            "{{\"member\": {member}, \"channel\": \"pos\", \"kind\": \"{kind}\", \"occurred_at\": \"{}\", \"weight\": {weight}, \"properties\": {{\"till\": {}}}, \"idempotency_key\": \"gen-{seed}-{i}\"}}",
            rfc3339(at, 0),
            rng.below(4) + 1
        )?;
    }
    out.flush()
}

/// One Discord channel of `messages` messages, as DiscordChatExporter's JSON: authors
/// from `messages / 25` people, replies to recent messages, reactions with their users.
pub fn discord_json(path: &Path, messages: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let people = (messages / 25).max(10);
    let zipf = Zipf::new(people, 1.1);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    write!(
        out,
        "{{\n  \"guild\": {{\"id\": \"900000000000000001\", \"name\": \"Generated Guild\", \"iconUrl\": \"https://cdn.discordapp.com/embed/avatars/0.png\"}},\n  \"channel\": {{\"id\": \"900000000000000010\", \"type\": \"GuildTextChat\", \"categoryId\": \"900000000000000002\", \"category\": \"Community\", \"name\": \"general\", \"topic\": null}},\n  \"dateRange\": {{\"after\": null, \"before\": null}},\n  \"exportedAt\": \"2025-01-01T00:00:00.000+00:00\",\n  \"messages\": [\n"
    )?;
    let author = |p: usize| {
        format!(
            "{{\"id\": \"{}\", \"name\": \"user{p}\", \"discriminator\": \"0000\", \"nickname\": \"{}\", \"color\": null, \"isBot\": false, \"roles\": [], \"avatarUrl\": \"https://cdn.discordapp.com/embed/avatars/1.png\"}}",
            80_000_000_000_000_000u64 + p as u64,
            name(p)
        )
    };
    for i in 0..messages {
        let p = zipf.sample(&mut rng);
        let id = 1_100_000_000_000_000_000u64 + i as u64;
        let at = START + i as i64 * 20;
        let reply = (i > 0 && rng.chance(0.3)).then(|| id - 1 - rng.below((i as u64).min(20)));
        let mut reactions = String::new();
        if rng.chance(0.2) {
            let n = 1 + rng.below(3) as usize;
            let users: Vec<String> = (0..n).map(|_| author(zipf.sample(&mut rng))).collect();
            reactions = format!(
                "{{\"emoji\": {{\"id\": null, \"name\": \"👍\", \"code\": \"thumbsup\", \"isAnimated\": false, \"imageUrl\": \"https://x/1f44d.svg\"}}, \"count\": {n}, \"users\": [{}]}}",
                users.join(", ")
            );
        }
        let reference = reply
            .map(|r| format!(", \"reference\": {{\"messageId\": \"{r}\", \"channelId\": \"900000000000000010\", \"guildId\": \"900000000000000001\"}}"))
            .unwrap_or_default();
        writeln!(
            out,
            "    {{\"id\": \"{id}\", \"type\": \"{}\", \"timestamp\": \"{}\", \"timestampEdited\": null, \"callEndedTimestamp\": null, \"isPinned\": false, \"content\": \"Message {i} about bread and starters\", \"author\": {}, \"attachments\": [], \"embeds\": [], \"stickers\": [], \"reactions\": [{reactions}], \"mentions\": []{reference}}}{}",
            if reply.is_some() { "Reply" } else { "Default" },
            rfc3339(at, 0),
            author(p),
            if i + 1 < messages { "," } else { "" }
        )?;
    }
    write!(out, "  ],\n  \"messageCount\": {messages}\n}}\n")?;
    out.flush()
}

/// A Slack workspace export zip of `messages` messages over 5 channels, a day file per
/// channel and day (about 200 messages a day each), with threads and reactions.
pub fn slack_zip(path: &Path, messages: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let people = (messages / 25).max(10);
    let zipf = Zipf::new(people, 1.1);
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    let z = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
    let users: Vec<String> = (0..people)
        .map(|p| {
            format!(
                "{{\"id\": \"U{p:08}\", \"team_id\": \"T01\", \"name\": \"user{p}\", \"deleted\": false, \"real_name\": \"{}\", \"is_bot\": false, \"profile\": {{\"real_name\": \"{}\", \"display_name\": \"user{p}\", \"email\": \"user{p}@example.org\"}}}}",
                name(p),
                name(p)
            )
        })
        .collect();
    zip.start_file("users.json", options).map_err(z)?;
    write!(zip, "[{}]", users.join(",\n"))?;
    let channels = ["general", "baking", "recipes", "events", "random"];
    zip.start_file("channels.json", options).map_err(z)?;
    let list: Vec<String> = channels
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{{\"id\": \"C{i:08}\", \"name\": \"{c}\", \"created\": {START}, \"creator\": \"U00000000\", \"is_archived\": false, \"members\": []}}"))
        .collect();
    write!(zip, "[{}]", list.join(",\n"))?;
    let per_day = 200;
    let per_channel = messages / channels.len();
    for (c, channel) in channels.iter().enumerate() {
        let mut written = 0;
        let mut day = 0;
        while written < per_channel {
            let n = per_day.min(per_channel - written);
            let date = jiff::Timestamp::from_second(START + day * 86_400)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default();
            zip.start_file(format!("{channel}/{date}.json"), options)
                .map_err(z)?;
            let mut items = Vec::with_capacity(n);
            let mut parent: Option<(String, usize)> = None;
            for k in 0..n {
                let p = zipf.sample(&mut rng);
                let ts = format!(
                    "{}.{:06}",
                    START + day * 86_400 + k as i64 * 60,
                    c * 1000 + k
                );
                let mut fields = format!(
                    "\"type\": \"message\", \"user\": \"U{p:08}\", \"text\": \"Message {k} in {channel}\", \"ts\": \"{ts}\""
                );
                match &parent {
                    Some((pts, pu)) if rng.chance(0.3) => {
                        fields.push_str(&format!(
                            ", \"thread_ts\": \"{pts}\", \"parent_user_id\": \"U{pu:08}\""
                        ));
                    }
                    _ => {
                        if rng.chance(0.3) {
                            parent = Some((ts.clone(), p));
                            fields.push_str(&format!(
                                ", \"thread_ts\": \"{ts}\", \"reply_count\": 1"
                            ));
                        }
                    }
                }
                if rng.chance(0.1) {
                    fields.push_str(&format!(
                        ", \"edited\": {{\"user\": \"U{p:08}\", \"ts\": \"{ts}\"}}"
                    ));
                }
                if rng.chance(0.2) {
                    let r = zipf.sample(&mut rng);
                    fields.push_str(&format!(
                        ", \"reactions\": [{{\"name\": \"bread\", \"users\": [\"U{r:08}\"], \"count\": 1}}]"
                    ));
                }
                items.push(format!("{{{fields}}}"));
            }
            write!(zip, "[\n{}\n]", items.join(",\n"))?;
            written += n;
            day += 1;
        }
    }
    zip.finish().map_err(z)?.flush()
}
