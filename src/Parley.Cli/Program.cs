Console.Error.WriteLine("usage: parley <command> ...");
return 2;
