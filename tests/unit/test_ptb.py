"""Penn-Treebank tokenised text back to plain text, and plain text tokenised the same way."""
from dateline.io.ptb import detokenize, tokenize


def test_detokenize():
    assert detokenize("He said `` we 're sorry , '' -LRB- AP -RRB- . It costs $ 5 , or 10 % .\n"
                      "It is n't cheap ... OK ?") == \
        'He said "we\'re sorry," (AP). It costs $5, or 10%.\nIt isn\'t cheap... OK?'


def test_tokenize_splits_as_the_treebank_does():
    assert tokenize('He said "we\'re sorry," (AP). It isn\'t 3.5% of U.S. spill-over.') == \
        'He said " we \'re sorry , " ( AP ) . It is n\'t 3.5 % of U.S . spill-over .'
    x = "The rig , 52 miles -LRB- 84km -RRB- off Venice , sank ."
    assert tokenize(detokenize(x)) == x.replace("-LRB-", "(").replace("-RRB-", ")")


def test_single_quotes():
    x = "Riders ' groups called the fare rise ` far too fast ' on Monday ."
    assert detokenize(x) == "Riders' groups called the fare rise 'far too fast' on Monday."
    assert tokenize(detokenize(x)) == x
    # elided words and decades keep their apostrophe
    assert tokenize("Rock 'n' roll came back in the '90s, and fans loved 'em.") == \
        "Rock 'n ' roll came back in the '90s , and fans loved 'em ."
