#[tokio::test]
async fn examples_replay_through_the_client() {
    example_vectors::replay(
            EXAMPLES,
            EXCEPTIONS,
            VECTORS,
            |client, index| { Box::pin(async move { send(&client, index).await }) },
        )
        .await;
}
