"""Exercise figures: poses as joint angles, checked against the human body and drawn as SVG.

`body` holds the published tables (ranges of motion, segment lengths); `skeleton` turns a
pose's angles into points; `pose` checks a pose in the front matter; `props` places the floor
and props; `draw` and `muscles` make the SVG.
"""
