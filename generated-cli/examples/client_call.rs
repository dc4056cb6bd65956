//! One call made with `quay-client` alone, as a program of its own: the baseline `cargo xtask
//! bench` compares `quay user get-logged-in-user` with (same runtime flavour, same output).
//!
//! ```text
//! QUAY_URL=http://127.0.0.1:8080 QUAY_TOKEN=... cargo run --release -p quay-cli --example client_call
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let url = std::env::var("QUAY_URL").unwrap_or_default();
        let mut builder = quay_client::Client::builder().base_url(url);
        if let Ok(token) = std::env::var("QUAY_TOKEN") {
            builder = builder.bearer_token(token);
        }
        let result = match builder.build() {
            Ok(client) => client.user().get_logged_in_user().send().await,
            Err(error) => Err(error),
        };
        match result.and_then(|response| {
            response
                .raw_json()
                .map_err(|source| quay_client::Error::Decode {
                    operation: "getLoggedInUser",
                    status: response.status(),
                    raw: String::new(),
                    source,
                })
        }) {
            Ok(json) => {
                let _ = writeln!(std::io::stdout(), "{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
