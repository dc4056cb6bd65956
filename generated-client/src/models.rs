//! Data types of the Quay API.
//!
//! PROVISIONAL hand-made file: the emitter replaces it with the generated models. Only
//! `ApiError` is here, exactly as the runtime/emitter contract defines it.

/// The error body documented in the API reference's Definitions section.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ApiError {
    /// HTTP status code of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Reference to the type of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Details about the specific instance of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Unique error code to identify the type of error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Deprecated; alias for detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Deprecated; alias for detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
}
