"""What is due (提醒): open milestones, problems, the weekly status update owed."""
