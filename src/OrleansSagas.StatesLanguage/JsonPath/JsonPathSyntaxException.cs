namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>Raised when a string is not a valid JSONPath.</summary>
internal sealed class JsonPathSyntaxException(string message) : Exception(message);
