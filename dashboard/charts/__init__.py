"""Chart builders of the pages: frames and the store to go.Figure (pure), below the pages."""
