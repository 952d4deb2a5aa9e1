"""The PDF toolkit every document uses: fonts, layout, signing, stamp, atomic saving."""
