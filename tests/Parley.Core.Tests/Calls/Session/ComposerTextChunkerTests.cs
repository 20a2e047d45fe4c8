using Parley.Core.Calls.Composer;
using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: the composer the session uses cuts at boundaries once minCharacters is reached, sends flush-tagged
// text at once, formats each chunk for speech, and with chunking off hands over the whole reply unformatted.
public class ComposerTextChunkerTests
{
    [Fact]
    public void Chunks_are_cut_at_boundaries_and_formatted_for_speech()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { MinCharacters = 10 });

        var first = chunker.Push("Your total is $42.50 for **two** items. And ");
        var rest = chunker.Flush();

        Assert.Equal(["Your total is forty two dollars and fifty cents for two items."], first);
        Assert.Equal("And", rest);
    }

    [Fact]
    public void A_flush_tag_sends_the_text_before_it_at_once()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan());

        Assert.Equal(["One moment"], chunker.Push("One moment<flush/> while I look that up"));
        Assert.Equal("while I look that up", chunker.Flush());
    }

    [Fact]
    public void With_chunking_off_the_reply_goes_whole_and_unformatted()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { Enabled = false });

        Assert.Empty(chunker.Push("It costs $5. "));
        Assert.Empty(chunker.Push("Thanks."));
        Assert.Equal("It costs $5. Thanks.", chunker.Flush());
    }
}
