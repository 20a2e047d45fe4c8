using System.Runtime.InteropServices;

namespace Parley.Providers.Speech;

/// <summary>Loads an optional native library once and resolves its exports, or explains which package is missing.</summary>
internal sealed class NativeLibraryLoader(string fileName, string debianPackage)
{
    private readonly Lazy<(nint Handle, string? Error)> _loaded = new(() =>
        NativeLibrary.TryLoad(fileName, out var handle)
            ? (handle, null)
            : (0, $"{fileName} is not installed (Debian/Ubuntu: apt-get install {debianPackage})"));

    /// <summary>Null when loaded; otherwise a message naming the package to install.</summary>
    public string? Error => _loaded.Value.Error;

    public nint Export(string name) => NativeLibrary.GetExport(_loaded.Value.Handle, name);

    public bool TryExport(string name, out nint address)
    {
        address = 0;
        return _loaded.Value.Handle != 0 && NativeLibrary.TryGetExport(_loaded.Value.Handle, name, out address);
    }
}
