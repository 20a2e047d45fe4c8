namespace Parley.Server.Store;

/// <summary>
/// An exclusive lock on the SQLite data directory, held for the process's life: whether this process is the only one
/// using the directory, and so the only one that could be running its calls.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream? _file;

    private DataDirectoryLock(FileStream? file) => _file = file;

    /// <summary>True when this process holds the lock.</summary>
    public bool Held => _file is not null;

    public static DataDirectoryLock TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "parley.lock");
        try
        {
            // FileShare.None takes an advisory lock on Unix as well; another process's attempt fails at once.
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return new DataDirectoryLock(null);
        }
    }

    public void Dispose() => _file?.Dispose();
}
