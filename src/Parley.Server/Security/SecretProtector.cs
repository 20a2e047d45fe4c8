using System.Security.Cryptography;
using System.Text;
using Parley.Server.Hosting;

namespace Parley.Server.Security;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM. The key comes from configuration or is generated once into the
/// data directory, so a stolen database alone reveals no secret.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "enc:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The encryption key must be 32 bytes (AES-256).", nameof(key));
        _key = key;
    }

    public static SecretProtector FromOptions(ParleyOptions options)
    {
        if (options.EncryptionKey is { } configured)
            return new SecretProtector(Convert.FromBase64String(configured));

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, "encryption.key");
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            // Written before first use and never rewritten: losing it makes stored secrets unreadable.
            File.WriteAllText(path, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new SecretProtector(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    public static bool IsProtected(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts a value that came from a client; always encrypts, even text that looks encrypted.</summary>
    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length, TagSize));
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>
    /// Decrypts a stored value; null when it cannot be decrypted (another key, or corrupted), so callers can
    /// degrade to a masked value instead of failing the request.
    /// </summary>
    public string? Unprotect(string stored)
    {
        if (!IsProtected(stored)) return stored;
        try
        {
            var data = Convert.FromBase64String(stored[Prefix.Length..]);
            var cipherLength = data.Length - NonceSize - TagSize;
            if (cipherLength < 0) return null;
            var plain = new byte[cipherLength];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
