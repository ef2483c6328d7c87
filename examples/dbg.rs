fn main() {
    let new = "Don Lemon (00:00):\n\nWhat happened?\n\nJohn Kirby (00:50):\n\nWe took it down.\n\n(01:09)\n\nAnd then more.";
    let l = quotecheck::transcript::read(&quotecheck::SourceDoc::new("x", new));
    println!("{:?}", l);
}
