using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Session;

/// <summary>Transfers the call to a destination (telephony plugs in here); used by hook transfer actions.</summary>
public interface ICallTransfer
{
    Task TransferAsync(JsonObject destination, CancellationToken cancellationToken);
}
