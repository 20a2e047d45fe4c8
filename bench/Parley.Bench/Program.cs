Console.Error.WriteLine("usage: Parley.Bench <benchmark>");
return 2;
