//! The `hearth` command. Everything lives in the library; see `hearth::cli`.

#![forbid(unsafe_code)]

/// mimalloc rather than the C library's allocator: an import's parser allocates on one
/// thread what its writer frees on another, which glibc's arenas make slow (measured in
/// docs/PERFORMANCE.md, "Imports: a million rows").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hearth::cli::main()
}
