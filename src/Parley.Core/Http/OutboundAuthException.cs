namespace Parley.Core.Http;

/// <summary>An authentication or encryption step failed before the request could be sent; becomes an OutboundFailure.</summary>
internal sealed class OutboundAuthException(string reason) : Exception(reason);
