using Parley.Core.Calls.Composer;

namespace Parley.Core.Tests.Calls.Composer;

public class SentenceChunkerTests
{
    private static List<SpeechChunk> Stream(SentenceChunker chunker, params string[] deltas)
    {
        var chunks = new List<SpeechChunk>();
        foreach (var delta in deltas) chunks.AddRange(chunker.Push(delta));
        chunks.AddRange(chunker.Complete());
        return chunks;
    }

    [Fact]
    public void Chunks_end_at_sentence_boundaries_once_long_enough()
    {
        var chunks = Stream(new SentenceChunker(), "Sure. I can help you with ", "that booking today. It costs $42", ".50 in total, ", "is that okay?");
        Assert.Equal(
        [
            new SpeechChunk("Sure. I can help you with that booking today.", false),
            new SpeechChunk("It costs $42.50 in total, is that okay?", false),
        ], chunks);
    }

    [Fact]
    public void A_chunk_is_emitted_as_soon_as_its_boundary_is_confirmed()
    {
        var chunker = new SentenceChunker(new ChunkPlan { MinCharacters = 5 });
        Assert.Empty(chunker.Push("Hello there."));        // a "." might still be "...5" — wait for the next character
        Assert.Equal([new SpeechChunk("Hello there.", false)], chunker.Push(" How"));
        Assert.Equal([new SpeechChunk("How", false)], chunker.Complete());
    }

    [Theory]
    [InlineData("<flush />")]
    [InlineData("<flush>")]
    [InlineData("</flush>")]
    [InlineData("< FLUSH/>")]
    [InlineData("<  /  Flush  >")]
    public void Flush_tags_emit_the_text_before_them_at_once_and_are_not_spoken(string tag)
    {
        var chunker = new SentenceChunker();
        var first = chunker.Push($"Let me check {tag}Here is");
        Assert.Equal([new SpeechChunk("Let me check", true)], first.ToArray());
        Assert.Equal([new SpeechChunk("Here is the result", false)], chunker.Push(" the result").Concat(chunker.Complete()).ToArray());
    }

    [Fact]
    public void A_flush_tag_split_across_deltas_is_held_back_until_complete()
    {
        var chunker = new SentenceChunker();
        Assert.Empty(chunker.Push("One moment <fl"));
        Assert.Empty(chunker.Push("ush"));
        Assert.Equal([new SpeechChunk("One moment", true)], chunker.Push(" /> ok").ToArray());
        Assert.Equal([new SpeechChunk("ok", false)], chunker.Complete().ToArray());
    }

    [Fact]
    public void Other_angle_brackets_are_not_held_back()
    {
        var chunks = Stream(new SentenceChunker(new ChunkPlan { MinCharacters = 5 }), "a < b is true. ", "Yes.");
        Assert.Equal([new SpeechChunk("a < b is true.", false), new SpeechChunk("Yes.", false)], chunks);
    }

    [Fact]
    public void Only_configured_boundaries_cut()
    {
        var plan = new ChunkPlan { MinCharacters = 1, PunctuationBoundaries = ["!"] };
        var chunks = Stream(new SentenceChunker(plan), "One, two. Three! Four");
        Assert.Equal([new SpeechChunk("One, two. Three!", false), new SpeechChunk("Four", false)], chunks);
    }

    [Fact]
    public void Text_with_no_boundary_is_cut_at_a_space_before_it_runs_past_the_longest_chunk()
    {
        var chunker = new SentenceChunker(new ChunkPlan());
        var words = Enumerable.Range(0, 2000).Select(i => "word" + i).ToList();

        // Streamed a word at a time, chunks come out long before the end, and none is longer than the limit.
        var during = words.SelectMany(w => chunker.Push(w + " ")).ToList();
        var all = during.Concat(chunker.Complete()).ToList();

        Assert.True(during.Count >= 20, $"only {during.Count} chunks came out before the reply ended");
        Assert.All(all, c => Assert.InRange(c.Text.Length, 1, SentenceChunker.MaxChunkCharacters));
        Assert.Equal(words, all.SelectMany(c => c.Text.Split(' ')));
    }
}
