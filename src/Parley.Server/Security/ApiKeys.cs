using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Security;

/// <summary>
/// API keys are random UUIDs (122 bits of entropy), so a single SHA-256 is a sufficient one-way hash;
/// a slow password hash would only add latency to every request.
/// </summary>
public static class ApiKeys
{
    public const string PrivateTag = "private";
    public const string PublicTag = "public";

    public static string NewKey() => Guid.NewGuid().ToString();

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
