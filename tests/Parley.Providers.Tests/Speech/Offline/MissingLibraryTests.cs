using Parley.Providers.Speech;

namespace Parley.Providers.Tests.Speech.Offline;

public sealed class MissingLibraryTests
{
    [Fact]
    public void Missing_native_library_is_reported_with_the_package_to_install()
    {
        var loader = new NativeLibraryLoader("libparley-does-not-exist.so.9", "parley-imaginary1");

        Assert.Contains("apt-get install parley-imaginary1", loader.Error);
        Assert.False(loader.TryExport("anything", out _));
    }
}
