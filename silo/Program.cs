Console.WriteLine("OrleansSagas silo");
