//! What one client's connections may hold, for the accept loop in `app::serve`: a cap on
//! connections per client address (so one address cannot take every slot), and a stall
//! limit on writes (so a client that stops reading cannot keep a connection, and its slot,
//! forever). The header-read timeout and the overall cap are hyper's and the loop's.
//!
//! It must not decide anything about requests: it sees only sockets and addresses.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// Open connections per client key (an IPv4 address, or an IPv6 /64).
#[derive(Debug, Default)]
pub struct PerClient {
    open: Mutex<HashMap<String, usize>>,
}

/// One client's hold on a connection slot; gives it back when dropped.
#[derive(Debug)]
pub struct ClientSlot {
    key: String,
    table: Arc<PerClient>,
}

impl PerClient {
    /// Takes a slot for `key`, or `None` when the client already holds `max`.
    pub fn take(table: &Arc<PerClient>, key: String, max: usize) -> Option<ClientSlot> {
        let mut open = table.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(key.clone()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(ClientSlot {
            key,
            table: table.clone(),
        })
    }

    /// How many connections `key` holds now (for tests).
    pub fn open(&self, key: &str) -> usize {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.get(key).copied().unwrap_or(0)
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// The key a client address counts under: IPv4 as it is, IPv6 by its /64 (the block one
/// subscriber holds), an IPv4-mapped IPv6 address as its IPv4 address.
pub fn client_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// A socket whose writes fail with `TimedOut` once they have made no progress for
/// `limit`: the answer to a client that opens a window of one byte and never reads.
pub struct StallGuard<S> {
    inner: S,
    limit: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> StallGuard<S> {
    pub fn new(inner: S, limit: Duration) -> StallGuard<S> {
        StallGuard {
            inner,
            limit,
            stalled: None,
        }
    }

    /// Called when a write could not proceed: starts the stall clock, or says it ran out.
    fn check(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let limit = self.limit;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallGuard<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallGuard<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.check(cx).map(Err),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.check(cx).map(Err),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    /// As the socket's: hyper then writes headers and body with one `writev` instead of
    /// copying the body into its own buffer first.
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.check(cx).map(Err),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_at_most_its_share_of_connections() {
        let table = Arc::new(PerClient::default());
        let a = PerClient::take(&table, "1.2.3.4".into(), 2).unwrap();
        let _b = PerClient::take(&table, "1.2.3.4".into(), 2).unwrap();
        assert!(PerClient::take(&table, "1.2.3.4".into(), 2).is_none());
        assert!(PerClient::take(&table, "5.6.7.8".into(), 2).is_some());
        drop(a);
        assert_eq!(table.open("1.2.3.4"), 1);
        assert!(PerClient::take(&table, "1.2.3.4".into(), 2).is_some());
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let key = |s: &str| client_key(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:10.0.0.1"), "10.0.0.1");
    }

    /// Regression: a client that stopped reading held its connection (and slot) for ever.
    #[tokio::test]
    async fn a_write_that_makes_no_progress_times_out() {
        use tokio::io::AsyncWriteExt;
        let (near, _far) = tokio::io::duplex(16);
        let mut guarded = StallGuard::new(near, Duration::from_millis(200));
        let e = guarded.write_all(&[0u8; 1024]).await.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
    }
}
