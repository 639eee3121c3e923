Console.WriteLine("client sample");
