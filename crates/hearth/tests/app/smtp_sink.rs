//! A real SMTP server on loopback for tests: it speaks enough of RFC 5321 for lettre
//! (EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) and records every
//! message. It can be told to refuse messages (451) to exercise retries.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a parseable message")
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    pub url: String,
    messages: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicBool>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind smtp");
        let addr = listener.local_addr().expect("addr");
        let sink = SmtpSink {
            url: format!("smtp://{addr}"),
            messages: Arc::default(),
            refuse: Arc::default(),
        };
        let (messages, refuse) = (sink.messages.clone(), sink.refuse.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (messages, refuse) = (messages.clone(), refuse.clone());
                tokio::spawn(async move {
                    let _ = session(stream, messages, refuse).await;
                });
            }
        });
        sink
    }

    /// From now on, answer 451 at the end of DATA (nothing is recorded).
    pub fn refuse(&self, on: bool) {
        self.refuse.store(on, Ordering::SeqCst);
    }

    /// How many messages arrived (without copying them).
    pub fn count(&self) -> usize {
        self.messages.lock().expect("lock").len()
    }

    pub fn all(&self) -> Vec<Received> {
        self.messages.lock().expect("lock").clone()
    }

    pub fn to(&self, address: &str) -> Vec<Received> {
        self.all()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == address))
            .collect()
    }

    /// Waits (bounded) until `address` has received `n` messages; returns them.
    pub async fn wait_for(&self, address: &str, n: usize) -> Vec<Received> {
        for _ in 0..200 {
            let got = self.to(address);
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "{address} did not receive {n} mails in 10 s; the sink has {:#?}",
            self.all()
        );
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    messages: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicBool>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            write
                .write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                .await?;
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RSET") {
            (from, to) = (String::new(), Vec::new());
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command[10..]);
            to.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&command[8..]));
            write.write_all(b"250 OK\r\n").await?;
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            if refuse.load(Ordering::SeqCst) {
                write.write_all(b"451 4.3.0 try again later\r\n").await?;
            } else {
                messages.lock().expect("lock").push(Received {
                    from: from.clone(),
                    to: to.clone(),
                    data,
                });
                write.write_all(b"250 OK queued\r\n").await?;
            }
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"502 command not implemented\r\n").await?;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg
        .strip_prefix('<')
        .and_then(|a| a.split_once('>'))
        .map_or(arg, |(a, _)| a);
    inner.to_string()
}
